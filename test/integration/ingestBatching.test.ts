import { TaskNotification } from '../../src/notifications/schema';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { cardOf, texts } from '../helpers/cardQueries';
import { startHarness, type Harness } from '../helpers/harness';
import { ALEX, JAN, type TeamsUser } from '../helpers/teamsActivities';

const NAME = /^Batched task (\d+)$/;
const NOBODY = 'nobody@contoso.nl';

/**
 * Notifications sent at the same moment are accepted by the embedded store together (the accepts of one turn of the
 * event loop share one transaction): every one of them is stored whole, answered once and delivered once, and two
 * copies of one notification arriving together still become one.
 */
describe('STORAGE=sqlite: notifications accepted together', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.install(ALEX);
    await h.install(JAN);
  });
  afterEach(async () => {
    await h.close();
  });

  const notificationFor = (upn: string, taskId: number) => {
    const base = h.sim.notificationFor(42, { userPrincipalName: upn });
    return { ...base, task: { ...base.task, ID: taskId, Name: `Batched task ${taskId}` } };
  };

  it('stores every notification whole, answers each once and delivers every card once', async () => {
    const sent = [
      ...[ALEX, JAN].flatMap((user, u) =>
        Array.from({ length: 12 }, (_, i) => ({ upn: user.userPrincipalName, taskId: 7000 + u * 100 + i })),
      ),
      ...Array.from({ length: 4 }, (_, i) => ({ upn: NOBODY, taskId: 7500 + i })),
    ];
    const twice = notificationFor(ALEX.userPrincipalName, 7999);
    const answers = await Promise.all([
      ...sent.map(({ upn, taskId }) => h.notify(notificationFor(upn, taskId))),
      h.notify(twice),
      h.notify(twice),
    ]);
    await h.idle();

    const statusOf = (upn: string) => (upn === NOBODY ? 'pending' : 'queued');
    expect(answers.slice(0, sent.length)).toEqual(
      sent.map(({ upn }) => ({ status: 202, body: { id: expect.any(String), status: statusOf(upn) } })),
    );
    const [a, b] = answers.slice(sent.length) as Array<{ body: { id: string; status: string } }>;
    expect([a?.body.status, b?.body.status].sort()).toEqual(['duplicate', 'queued']);
    expect(a?.body.id).toBe(b?.body.id);

    const cards = taskCards(h);
    const delivered = [...sent.filter(({ upn }) => upn !== NOBODY), { upn: ALEX.userPrincipalName, taskId: 7999 }];
    expect(cards.sort((x, y) => x.taskId - y.taskId)).toEqual(
      delivered.map(({ upn, taskId }) => ({ taskId, conversationId: userOf(upn).conversationId })),
    );

    await h.stopBot();
    const records = await storedRecords(h.storageDir);
    const expected = [...sent, { upn: ALEX.userPrincipalName, taskId: 7999 }].map(({ upn, taskId }, i) => {
      const raw = i < sent.length ? notificationFor(upn, taskId) : twice;
      const notification = TaskNotification.parse(raw);
      const status = upn === NOBODY ? 'pending' : 'delivered';
      const answer = (i < sent.length ? answers[i]?.body : a?.body) as { id: string };
      return {
        id: answer.id,
        answerId: answer.id,
        key: `assigned:${taskId}:upn:${upn}`,
        order: expect.any(Number) as number,
        lane: `${taskId}|upn:${upn}`,
        recipientKeys: [`upn:${upn}`],
        notification,
        status,
        attempts: status === 'delivered' ? 1 : 0,
        nextAttemptAt: null,
        lastError: null,
        acceptedAt: expect.any(String) as string,
        updatedAt: expect.any(String) as string,
        eTag: expect.any(String) as string,
      };
    });
    expect(records.sort((x, y) => x.key.localeCompare(y.key))).toEqual(expected.sort((x, y) => x.key.localeCompare(y.key)));
    expect(new Set(records.map((r) => r.order)).size).toBe(records.length);
  });
});

function userOf(upn: string): TeamsUser {
  const user = [ALEX, JAN].find((u) => u.userPrincipalName === upn);
  if (!user) throw new Error(`no test user ${upn}`);
  return user;
}

/** Every stored outbox record, read from the bot's database after it stopped. */
async function storedRecords(storageDir: string): Promise<Array<{ key: string; order: number } & Record<string, unknown>>> {
  const storage = SqliteStorage.open(storageDir);
  try {
    const keys = await storage.list('outbox/');
    return Object.values(await storage.read(keys)) as Array<{ key: string; order: number } & Record<string, unknown>>;
  } finally {
    await storage.close();
  }
}

/** The task cards the connector received, in order. */
function taskCards(h: Harness): Array<{ taskId: number; conversationId: string | null }> {
  return h.connector.calls.flatMap((call) => {
    if (call.method !== 'POST' || call.status >= 300 || !Array.isArray(call.body?.attachments)) return [];
    const name = texts(cardOf(call.body))
      .map((text) => (typeof text === 'string' ? NAME.exec(text) : null))
      .find((match) => match !== null);
    return name ? [{ taskId: Number(name[1]), conversationId: call.conversationId }] : [];
  });
}
