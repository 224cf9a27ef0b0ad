import { readdir } from 'node:fs/promises';
import { t } from '../../src/i18n';
import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { AzureBlobStorage } from '../../src/storage/azureBlobStorage';
import { startAzurite, uniqueContainer, type Azurite } from '../helpers/azurite';
import { approveInvoice } from '../helpers/expectedOperations';
import { click, deliverTask, digiOfficeUserOf, finishRequests, say } from '../helpers/flows';
import { startHarness, type Harness } from '../helpers/harness';
import { signInCodeIn, signInUrlFor, stateOf, submitSignIn } from '../helpers/signIn';
import { ALEX, JAN } from '../helpers/teamsActivities';

const approve = (taskId: number) => ({ taskIds: [taskId], transitionId: TRANSITION_IDS.invoiceApprove, comment: 'ok' });

describe('STORAGE=azure: the whole bot over Azure Blob Storage (Azurite)', () => {
  let azurite: Azurite;
  const bots: Harness[] = [];
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite.stop();
  });
  afterEach(async () => {
    // The first harness owns the simulator and connector the others share: stop the others first.
    for (const bot of bots.splice(0).reverse()) await bot.close();
  });

  /** A bot over `container`, sharing the simulator and connector of the first bot of the test. */
  async function bot(container: string): Promise<Harness> {
    const first = bots[0];
    const h = await startHarness({
      env: { STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: container },
      ...(first ? { sim: first.sim, connector: first.connector } : {}),
    });
    bots.push(h);
    return h;
  }

  it('delivers a card, finishes from it after sign-in, and after a restart over the same container still finishes without signing in', async () => {
    const container = uniqueContainer('bot');
    const first = await bot(container);
    await first.install(ALEX);
    await first.signIn(ALEX, 'alexw', 'demo');
    const card42 = await deliverTask(first, ALEX, 42);
    const card46 = await deliverTask(first, ALEX, 46);
    expect((await click(first, ALEX, 'task.finish', approve(42), card42.activityId)).body.type).toBe(
      'application/vnd.microsoft.card.adaptive',
    );
    expect(finishRequests(first).map((r) => [r.body, r.status])).toEqual([[approveInvoice([42], 'ok'), 204]]);
    await first.stopBot();

    const second = await bot(container);
    expect((await click(second, ALEX, 'task.finish', approve(46), card46.activityId)).body.type).toBe(
      'application/vnd.microsoft.card.adaptive',
    );
    const posts = finishRequests(second);
    expect(posts.map((r) => [r.body, r.status])).toEqual([
      [approveInvoice([42], 'ok'), 204],
      [approveInvoice([46], 'ok'), 204],
    ]);
    expect(await digiOfficeUserOf(second, posts[1]?.headers.authorization)).toBe(12);
    expect(first.sim.requestsTo('POST', '/api/auth/credentials')).toHaveLength(1);

    // All of it lived in the container, nothing in the (unused) data folders.
    expect([...(await readdir(first.storageDir)), ...(await readdir(second.storageDir))]).toEqual([]);
    const keys = await new AzureBlobStorage({ connectionString: azurite.connectionString, container }).list('');
    expect(keys.some((key) => key.startsWith('outbox/'))).toBe(true);
  });

  it('two instances over one container post each of 10 notifications exactly once, whichever instance gets it or its retry', async () => {
    const container = uniqueContainer('pair');
    const a = await bot(container);
    const b = await bot(container);
    await a.install(ALEX);
    await b.install(JAN);
    const notifications = [42, 43, 44, 45, 46].flatMap((taskId) =>
      [ALEX, JAN].map((user) => ({ taskId, user, body: a.sim.notificationFor(taskId, { userPrincipalName: user.userPrincipalName }) })),
    );
    const before = a.connector.calls.length;

    const answers = await Promise.all(notifications.map((n, i) => (i % 2 === 0 ? a : b).notify(n.body)));
    expect(answers.map((r) => [r.status, (r.body as { status: string }).status])).toEqual(Array(10).fill([202, 'queued']));
    // The sender retries each one on the other instance: recognised as duplicates through the shared container.
    const retries = await Promise.all(notifications.map((n, i) => (i % 2 === 0 ? b : a).notify(n.body)));
    expect(retries.map((r) => [r.status, (r.body as { status: string }).status])).toEqual(Array(10).fill([202, 'duplicate']));
    await Promise.all([a.idle(), b.idle()]);

    const cards = a.connector.calls.slice(before).filter((c) => c.method === 'POST' && Array.isArray(c.body?.attachments));
    const posted = cards.map((c) => `${c.conversationId} ${/workflow\/tasks\/(\d+)/.exec(JSON.stringify(c.body))?.[1] ?? '?'}`).sort();
    expect(posted).toEqual(notifications.map((n) => `${n.user.conversationId} ${n.taskId}`).sort());
  });

  it('delivers through one instance a notification another instance parked before it stopped, once the user installs there', async () => {
    const container = uniqueContainer('parked');
    const a = await bot(container);
    const b = await bot(container);
    const answer = await a.notify(a.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }));
    expect([answer.status, (answer.body as { status: string }).status]).toEqual([202, 'pending']);
    await a.stopBot();

    await b.install(ALEX);
    await b.idle();
    const cards = b.connector.calls.filter((c) => c.method === 'POST' && Array.isArray(c.body?.attachments));
    expect(cards.map((c) => [c.conversationId, /workflow\/tasks\/(\d+)/.exec(JSON.stringify(c.body))?.[1]])).toEqual([
      [ALEX.conversationId, '42'],
    ]);
  });

  it('two instances over one container share the sign-in limits and codes: 60 wrong passwords across both, at most 5 reach DigiOffice', async () => {
    const container = uniqueContainer('signin');
    const a = await bot(container);
    const b = await bot(container);
    await a.install(ALEX);
    const states = await Promise.all(Array.from({ length: 60 }, async (_, i) => stateOf(await signInUrlFor(i % 2 ? b : a, ALEX))));
    const credentialChecks = () => a.sim.requestsTo('POST', '/api/auth/credentials').length;

    const pages = await Promise.all(states.map((state, i) => submitSignIn(i % 2 ? a : b, state, `guess-${i}`, 'wrong')));

    expect(credentialChecks()).toBe(5);
    expect(pages.map((p) => p.status).sort()).toEqual([...Array<number>(5).fill(401), ...Array<number>(55).fill(429)]);

    // A code shown by one instance is redeemed on the other, once.
    await b.install(JAN);
    const page = await submitSignIn(a, stateOf(await signInUrlFor(a, JAN)), 'jan', 'jan-secret');
    const code = signInCodeIn(page.html) ?? '';
    expect((await say(b, JAN, code)).map((c) => c.body?.text)).toEqual([t('en', 'chat.signedIn', { name: 'Jan de Vries' })]);
    expect((await say(a, JAN, code)).map((c) => c.body?.text)).toEqual([t('en', 'chat.signInCodeWrong')]);
  });
});
