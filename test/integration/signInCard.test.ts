import { PassThrough } from 'node:stream';
import { tokensKey } from '../../src/core/storageKeys';
import { t } from '../../src/i18n';
import { TokenCipher } from '../../src/identity/tokenCipher';
import { createLogger } from '../../src/logger';
import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { ofType } from '../helpers/cardQueries';
import { approveInvoice } from '../helpers/expectedOperations';
import { click, deliverTask, digiOfficeUserOf, finishRequests, say } from '../helpers/flows';
import { ENCRYPTION_KEY, useHarness, useRestarts, type Harness } from '../helpers/harness';
import { linkedUsers, loginRequestBody, loginRequestUrl, signInCodeIn, stateOf, submitSignIn } from '../helpers/signIn';
import { storedRows } from '../helpers/storeCopy';
import { ALEX, JAN, TENANT_ID } from '../helpers/teamsActivities';

const approve = (taskId: number, comment: string) => ({ taskIds: [taskId], transitionId: TRANSITION_IDS.invoiceApprove, comment });

/** Opens the login request's link as Teams does, signs in there, and returns the code the page hands to Teams. */
async function codeFromLoginRequest(h: Harness, body: unknown, userName: string, password: string): Promise<string> {
  const url = loginRequestUrl(body);
  expect((await fetch(url)).status).toBe(200);
  const page = await submitSignIn(h, stateOf(url), userName, password);
  const code = signInCodeIn(page.html);
  if (page.status !== 200 || !code) throw new Error(`sign-in failed: ${page.status}`);
  return code;
}

describe('sign-in from a card: Teams’ login request, and the same click carried out with the code', () => {
  const h = useHarness({ install: [ALEX, JAN] });

  it('answers a click without a session with a login request; the code Teams sends back links Alex and posts once, with his comment', async () => {
    const { activityId } = await deliverTask(h, ALEX, 42);
    const first = await click(h, ALEX, 'task.finish', approve(42, 'Resumed after sign-in.'), activityId);
    expect(first).toEqual({ status: 200, body: loginRequestBody(h.botUrl) });
    expect(finishRequests(h)).toEqual([]);

    const code = await codeFromLoginRequest(h, first.body, 'alexw', 'demo');
    // Teams sends the same action again, with the inputs as typed and the code in `state`.
    const resumed = await click(h, ALEX, 'task.finish', approve(42, 'Resumed after sign-in.'), activityId, { state: code });
    await h.idle();

    const posts = finishRequests(h);
    expect(posts.map((p) => [p.body, p.status])).toEqual([[approveInvoice([42], 'Resumed after sign-in.'), 204]]);
    expect(await digiOfficeUserOf(h, posts[0]?.headers.authorization)).toBe(12);
    expect(resumed.status).toBe(200);
    expect(resumed.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(ofType(resumed.body.value, 'Action.Execute')).toEqual([]);
    expect(linkedUsers(h)).toEqual([tokensKey({ tenantId: TENANT_ID, aadObjectId: ALEX.aadObjectId })]);

    // Teams sending that action again, code and all, posts nothing more: the code is used, the task is finished.
    const again = await click(h, ALEX, 'task.finish', approve(42, 'Resumed after sign-in.'), activityId, { state: code });
    expect(again.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(finishRequests(h)).toHaveLength(1);
  });

  it('refuses a code issued to another Teams user: Jan’s click with Alex’s code links nothing and posts nothing', async () => {
    const alexCard = await deliverTask(h, ALEX, 42);
    const janCard = await deliverTask(h, JAN, 45);
    const asked = await click(h, ALEX, 'task.finish', approve(42, 'mine'), alexCard.activityId);
    const code = await codeFromLoginRequest(h, asked.body, 'alexw', 'demo');

    const foreign = await click(h, JAN, 'task.finish', approve(45, 'not mine'), janCard.activityId, { state: code });

    expect(foreign).toEqual({ status: 200, body: loginRequestBody(h.botUrl) });
    expect(finishRequests(h)).toEqual([]);
    expect(linkedUsers(h)).toEqual([]);
    // The code still belongs to Alex.
    const own = await click(h, ALEX, 'task.finish', approve(42, 'mine'), alexCard.activityId, { state: code });
    expect(own.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(finishRequests(h).map((p) => p.body)).toEqual([approveInvoice([42], 'mine')]);
  });

  it('answers a wrong code with a fresh login request and links nothing; the code of a link Jan completed does not link Alex’s card either', async () => {
    const { activityId } = await deliverTask(h, ALEX, 42);
    const wrong = await click(h, ALEX, 'task.finish', approve(42, 'x'), activityId, { state: '12345678' });
    expect(wrong).toEqual({ status: 200, body: loginRequestBody(h.botUrl) });

    // Alex forwards his link to Jan, who signs in with his own account: the code Jan's page shows is Alex's, and typed
    // by Jan in his chat it links nothing.
    const code = await codeFromLoginRequest(h, wrong.body, 'jan', 'jan-secret');
    expect((await say(h, JAN, code)).map((c) => c.body?.text)).toEqual([t('en', 'chat.signInCodeWrong')]);
    expect(linkedUsers(h)).toEqual([]);
    expect(finishRequests(h)).toEqual([]);
  });
});

describe('a TOKEN_ENCRYPTION_KEY rotation', () => {
  const newKey = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 53 + 7) % 256));
  const oldKey = Buffer.from(ENCRYPTION_KEY, 'base64');
  const { first, restart } = useRestarts();
  beforeEach(async () => {
    await first.install(ALEX);
    await first.signIn(ALEX, 'alexw', 'demo');
  });

  const tokenRecord = (h: Harness) => storedRows(h.storageDir).find((row) => row.key.startsWith('tokens/'))?.value as { secret: unknown };

  it('keeps Alex signed in: his token still works, and is stored again under the new key only', async () => {
    const { activityId } = await deliverTask(first, ALEX, 42);
    await first.stopBot();
    const before = tokenRecord(first);

    const second = await restart({
      env: { TOKEN_ENCRYPTION_KEY: newKey.toString('base64'), TOKEN_ENCRYPTION_KEY_PREVIOUS: ENCRYPTION_KEY },
    });
    const response = await click(second, ALEX, 'task.finish', approve(42, 'after the rotation'), activityId);
    await second.idle();

    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const posts = finishRequests(second);
    expect(posts.map((p) => [p.body, p.status])).toEqual([[approveInvoice([42], 'after the rotation'), 204]]);
    expect(await digiOfficeUserOf(second, posts[0]?.headers.authorization)).toBe(12);
    const after = tokenRecord(second);
    expect(after.secret).not.toEqual(before.secret);
    const key = tokensKey({ tenantId: TENANT_ID, aadObjectId: ALEX.aadObjectId });
    expect(JSON.parse(new TokenCipher(newKey).decrypt(after.secret, key))).toMatchObject({ displayName: 'Alex Wilber' });
    expect(() => new TokenCipher(oldKey).decrypt(after.secret, key)).toThrow('cannot decrypt');
  });

  it('treats a token neither key decrypts as signed out, and logs that once for the user, without the token', async () => {
    const { activityId } = await deliverTask(first, ALEX, 42);
    await first.stopBot();
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));

    const second = await restart({ env: { TOKEN_ENCRYPTION_KEY: newKey.toString('base64') }, logger: createLogger('info', stream) });
    for (let i = 0; i < 3; i++) {
      const response = await click(second, ALEX, 'task.finish', approve(42, 'x'), activityId);
      expect(response).toEqual({ status: 200, body: loginRequestBody(second.botUrl) });
    }

    const warnings = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((e) => String(e.msg).includes('does not decrypt'));
    expect(warnings).toEqual([
      {
        level: 40,
        time: expect.any(Number),
        correlationId: expect.stringMatching(/^incoming-/),
        key: `tokens/${TENANT_ID}/${ALEX.aadObjectId}`,
        reason: 'TokenCipher: cannot decrypt (authentication failed)',
        msg: 'token record does not decrypt; treating the user as not linked',
      },
    ]);
    expect(finishRequests(second)).toEqual([]);
  });
});
