import type { Clock } from '../../src/core/clock';
import { t } from '../../src/i18n';
import { escapeHtml } from '../../src/identity/signInPage';
import { replyTexts, say } from '../helpers/flows';
import { useHarness } from '../helpers/harness';
import { signInCodeIn, signInUrlFor, stateOf, submitSignIn } from '../helpers/signIn';
import { storedRows } from '../helpers/storeCopy';
import { ALEX, JAN } from '../helpers/teamsActivities';

const MINUTE = 60_000;

/** The system's clock, `skip`-able forward. */
function skippingClock(): Clock & { skip(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), skip: (ms) => void (offset += ms) };
}

describe('account linking: guessing limits, expiry and single use', () => {
  const clock = skippingClock();
  const h = useHarness({ install: [ALEX, JAN], harness: { clock } });

  /** How many credential checks reached DigiOffice (counted by the simulator itself). */
  const credentialChecks = () => h.sim.requestsTo('POST', '/api/auth/credentials').length;
  const newState = async (user = ALEX) => stateOf(await signInUrlFor(h, user));

  it('lets at most 5 of 60 concurrent wrong passwords reach DigiOffice, and says so on the page', async () => {
    const state = await newState();
    const before = credentialChecks();

    const pages = await Promise.all(Array.from({ length: 60 }, (_, i) => submitSignIn(h, state, 'alexw', `guess-${i}`)));

    expect(credentialChecks() - before).toBe(5);
    expect(pages.filter((p) => p.status === 401)).toHaveLength(5);
    const limited = pages.filter((p) => p.status === 429);
    expect(limited).toHaveLength(55);
    expect(limited[0]?.html).toContain(escapeHtml(t('en', 'signin.limited', { minutes: 15 })));
    expect(limited[0]?.html).toContain('value="alexw"');
    // The right password is not even checked now, on this link or a new one: a new link does not reset the count.
    expect((await submitSignIn(h, state, 'alexw', 'demo')).status).toBe(429);
    expect((await submitSignIn(h, await newState(), 'alexw', 'demo')).status).toBe(429);
    expect(credentialChecks() - before).toBe(5);

    clock.skip(15 * MINUTE);
    const page = await submitSignIn(h, await newState(), 'alexw', 'demo');
    expect(page.status).toBe(200);
    expect(credentialChecks() - before).toBe(6);
  });

  it('counts per DigiOffice user name, case-insensitively, across Teams users', async () => {
    const state = await newState(ALEX);
    for (let i = 0; i < 5; i++) expect((await submitSignIn(h, state, i % 2 ? 'jan' : 'JAN', `guess-${i}`)).status).toBe(401);
    const before = credentialChecks();

    // Jan's own link, his own Teams user: his user name is still limited; another user name is not.
    const jans = await newState(JAN);
    expect((await submitSignIn(h, jans, 'Jan', 'jan-secret')).status).toBe(429);
    expect(credentialChecks()).toBe(before);
    expect((await submitSignIn(h, jans, 'els', 'els-secret')).status).toBe(200);
    expect(credentialChecks()).toBe(before + 1);
  });

  it('does not count successful sign-ins as failures', async () => {
    for (let i = 0; i < 6; i++) expect((await submitSignIn(h, await newState(), 'alexw', 'demo')).status).toBe(200);
    const state = await newState();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await submitSignIn(h, state, 'alexw', `guess-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('limits wrong codes typed in the chat to 5 per 15 minutes, before looking at them', async () => {
    const code = signInCodeIn((await submitSignIn(h, await newState(), 'alexw', 'demo')).html) ?? '';
    const wrong = code === '00000000' ? '00000001' : '00000000';
    for (let i = 0; i < 5; i++) expect(replyTexts(await say(h, ALEX, wrong))).toEqual([t('en', 'chat.signInCodeWrong')]);
    expect(replyTexts(await say(h, ALEX, `sign in ${code}`))).toEqual([t('en', 'signin.tooManyCodes', { minutes: 15 })]);

    clock.skip(9 * MINUTE);
    expect(replyTexts(await say(h, ALEX, code))).toEqual([t('en', 'signin.tooManyCodes', { minutes: 6 })]);
    clock.skip(6 * MINUTE);
    // Limited no longer, but the code is older than 10 minutes now.
    expect(replyTexts(await say(h, ALEX, code))).toEqual([t('en', 'chat.signInCodeWrong')]);
  });

  it('lets a code expire after 10 minutes, with its waiting tokens', async () => {
    const code = signInCodeIn((await submitSignIn(h, await newState(), 'alexw', 'demo')).html) ?? '';
    clock.skip(10 * MINUTE);
    expect(replyTexts(await say(h, ALEX, code))).toEqual([t('en', 'chat.signInCodeWrong')]);
    expect(storedRows(h.storageDir).filter((row) => /^(tokens|signin-code)\//.test(row.key))).toEqual([]);
  });

  it('lets a sign-in link expire after 10 minutes', async () => {
    const state = await newState();
    clock.skip(10 * MINUTE);
    const before = credentialChecks();
    expect((await submitSignIn(h, state, 'alexw', 'demo')).status).toBe(410);
    expect(credentialChecks()).toBe(before);
  });
});
