import { DomUtils, parseDocument } from 'htmlparser2';
import { t } from '../../src/i18n';
import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { approveInvoice } from '../helpers/expectedOperations';
import { click, deliverTask, finishRequests, say } from '../helpers/flows';
import { useHarness, type Harness } from '../helpers/harness';
import { linkedUsers, loginRequestBody, signInCodeIn, signInUrlFor, stateOf, submitSignIn } from '../helpers/signIn';
import { storedRows } from '../helpers/storeCopy';
import { ALEX, cardActionActivity, JAN, messageActivity, TENANT_ID, type TeamsUser } from '../helpers/teamsActivities';

const approve = (comment: string) => ({ taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove, comment });
const TOO_MANY_CODES = t('en', 'signin.tooManyCodes', { minutes: 15 });

/** The texts the bot answered a chat message with. */
async function replyTo(h: Harness, user: TeamsUser, text: string): Promise<unknown[]> {
  return (await say(h, user, text)).map((c) => c.body?.text);
}

/** A sign-in on a fresh link of `user`, up to the page with the code; returns the code. */
async function codeFor(h: Harness, user: TeamsUser, userName = 'alexw', password = 'demo'): Promise<string> {
  const page = await submitSignIn(h, stateOf(await signInUrlFor(h, user)), userName, password);
  const code = signInCodeIn(page.html);
  if (page.status !== 200 || !code) throw new Error(`sign-in failed: ${page.status}`);
  return code;
}

const credentialChecks = (h: Harness) => h.sim.requestsTo('POST', '/api/auth/credentials').length;

describe('sign-in under attack: who brings the code back, and how often anyone may guess', () => {
  const h = useHarness({ install: [ALEX, JAN] });
  const ALEX_TOKENS = `tokens/${TENANT_ID}/${ALEX.aadObjectId}`;

  it('a forged code in a resent card action links nothing: guessed digits and odd shapes get a login request, then the limit', async () => {
    const { activityId } = await deliverTask(h, ALEX, 42);
    const forged = ['00000000', '1234567', '123456789', 'x'.repeat(5000), '<script>alert(1)</script>', '1234\u00005678', '12345678'];
    const answers = [];
    for (const state of forged) answers.push((await click(h, ALEX, 'task.finish', approve('forged'), activityId, { state })).body);

    const limited = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: TOO_MANY_CODES };
    expect(answers).toEqual([...Array.from({ length: 5 }, () => loginRequestBody(h.botUrl)), limited, limited]);
    expect(linkedUsers(h)).toEqual([]);
    expect(finishRequests(h)).toEqual([]);
  });

  it('a `state` that is not a string is refused as invalid, naming the field, and links nothing', async () => {
    const { activityId } = await deliverTask(h, ALEX, 42);
    for (const state of [12345678, { code: '12345678' }, ['12345678'], null]) {
      const activity = cardActionActivity(ALEX, 'task.finish', approve('x'), { serviceUrl: h.serviceUrl, replyToId: activityId });
      Object.assign(activity.value, { state });
      expect(await h.activity(activity)).toEqual({
        status: 200,
        body: {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: { code: 'InvalidActionValue', message: expect.stringMatching(/^value\.state: /) },
        },
      });
    }
    expect(linkedUsers(h)).toEqual([]);
    expect(finishRequests(h)).toEqual([]);
  });

  it('a replayed code links nothing: not for Jan, not for Alex after he signed out, not in a card action', async () => {
    const code = await codeFor(h, ALEX);
    expect(await replyTo(h, ALEX, code)).toEqual([t('en', 'chat.signedIn', { name: 'Alex Wilber' })]);

    expect(await replyTo(h, JAN, code)).toEqual([t('en', 'chat.signInCodeWrong')]);
    await say(h, ALEX, 'sign out');
    expect(await replyTo(h, ALEX, code)).toEqual([t('en', 'chat.signInCodeWrong')]);
    const { activityId } = await deliverTask(h, ALEX, 42);
    expect((await click(h, ALEX, 'task.finish', approve('replayed'), activityId, { state: code })).body).toEqual(
      loginRequestBody(h.botUrl),
    );
    expect(linkedUsers(h)).toEqual([]);
    expect(finishRequests(h)).toEqual([]);
  });

  it('Alex’s waiting code is not found from Jan’s chat or Jan’s card, and still works for Alex afterwards', async () => {
    const code = await codeFor(h, ALEX);
    const janCard = await deliverTask(h, JAN, 45);

    expect(await replyTo(h, JAN, `sign in ${code}`)).toEqual([t('en', 'chat.signInCodeWrong')]);
    const janClick = await click(h, JAN, 'task.finish', { ...approve('not mine'), taskIds: [45] }, janCard.activityId, { state: code });
    expect(janClick.body).toEqual(loginRequestBody(h.botUrl));
    expect(linkedUsers(h)).toEqual([]);

    const alexCard = await deliverTask(h, ALEX, 42);
    const alexClick = await click(h, ALEX, 'task.finish', approve('mine'), alexCard.activityId, { state: code });
    await h.idle();
    expect(alexClick.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(finishRequests(h).map((r) => r.body)).toEqual([approveInvoice([42], 'mine')]);
    expect(linkedUsers(h)).toEqual([ALEX_TOKENS]);
  });

  it('60 concurrent wrong codes: at most 5 are looked at, and then even the right code is refused for 15 minutes', async () => {
    const code = await codeFor(h, ALEX);
    const wrong = Array.from({ length: 60 }, (_, i) => String((Number(code) + 1 + i) % 1e8).padStart(8, '0'));

    const before = h.connector.calls.length;
    await Promise.all(wrong.map((guess) => h.activity(messageActivity(ALEX, guess, { serviceUrl: h.serviceUrl }))));
    await h.idle();
    const replies = h.connector.calls
      .slice(before)
      .filter((c) => c.conversationId === ALEX.conversationId && c.method === 'POST')
      .map((c) => c.body?.text);

    expect(replies).toHaveLength(60);

    expect(replies.filter((text) => text === t('en', 'chat.signInCodeWrong'))).toHaveLength(5);
    expect(replies.filter((text) => text === TOO_MANY_CODES)).toHaveLength(55);
    expect(await replyTo(h, ALEX, code)).toEqual([TOO_MANY_CODES]);
    expect(linkedUsers(h)).toEqual([]);
  });

  it('60 concurrent wrong passwords on 60 fresh links, each for another user name: at most 5 reach DigiOffice', async () => {
    const states = await Promise.all(Array.from({ length: 60 }, async () => stateOf(await signInUrlFor(h, ALEX))));
    const before = credentialChecks(h);

    const pages = await Promise.all(states.map((state, i) => submitSignIn(h, state, `guess-${i}`, 'wrong')));

    expect(credentialChecks(h) - before).toBe(5);
    expect(pages.map((p) => p.status).sort()).toEqual([...Array<number>(5).fill(401), ...Array<number>(55).fill(429)]);
    expect((await submitSignIn(h, stateOf(await signInUrlFor(h, ALEX)), 'alexw', 'demo')).status).toBe(429);
    expect(credentialChecks(h) - before).toBe(5);
  });

  it('the right password sent 10 times at once on one link yields one code, never two', async () => {
    const state = stateOf(await signInUrlFor(h, ALEX));

    const pages = await Promise.all(Array.from({ length: 10 }, () => submitSignIn(h, state, 'alexw', 'demo')));

    expect(pages.filter((p) => p.status === 200)).toHaveLength(1);
    expect(pages.every((p) => [200, 410, 429].includes(p.status))).toBe(true);
    expect(storedRows(h.storageDir).filter((row) => row.key.startsWith('signin-code/'))).toHaveLength(1);
  });

  it('hostile form fields are shown back escaped, never run, and never answer 500', async () => {
    const state = stateOf(await signInUrlFor(h, ALEX));
    const hostile = '"><script>alert(1)</script><img src=x onerror=alert(1)>';

    const page = await submitSignIn(h, state, hostile, 'wrong');
    expect(page.status).toBe(401);
    const elements = DomUtils.findAll(() => true, parseDocument(page.html).children);
    expect(elements.filter((e) => e.name === 'script' || e.name === 'img')).toEqual([]);
    expect(DomUtils.getElementById('username', parseDocument(page.html).children)?.attribs.value).toBe(hostile);

    const statuses = [];
    for (const [s, user, password] of [
      [hostile, 'alexw', 'demo'],
      ['', 'alexw', 'demo'],
      [state, 'x'.repeat(10_000), 'wrong'],
      [state, '   ', 'demo'],
    ] as const) {
      statuses.push((await submitSignIn(h, s, user, password)).status);
    }
    expect(statuses).toEqual([410, 410, 401, 400]);
    expect(linkedUsers(h)).toEqual([]);
  });
});
