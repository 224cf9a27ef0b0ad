import { DEFAULT_CONCURRENCY } from '../../src/notifications/outbox';
import { spawnBot, useBotProcesses, type BotProcess } from '../helpers/botProcess';
import { cardOf, texts } from '../helpers/cardQueries';
import { FakeConnector, type ConnectorCall } from '../helpers/fakeConnector';
import { NOTIFY_KEY } from '../helpers/harness';
import { ALEX, JAN, installActivity, type TeamsUser } from '../helpers/teamsActivities';

const PER_USER = 16;
/** Killed once this many task cards have arrived: Teams' per-conversation limits keep the rest waiting. */
const KILL_AFTER_CARDS = 10;
const NAME = /^Kill test task (\d+)$/;

/**
 * A real bot process on SQLite is killed with SIGKILL while it delivers, and started again on the same folder:
 * every notification it acknowledged (202) is delivered, none is lost. The restarted process takes over the
 * deliveries its predecessor had claimed at once (the embedded store has one owner: its outbox takes no leases).
 */
describe('STORAGE=sqlite: kill -9 mid-delivery, restart, nothing acknowledged is lost', () => {
  const processes = useBotProcesses('kill-restart');
  let connector: FakeConnector;
  beforeEach(async () => {
    connector = new FakeConnector();
    await connector.start();
  });
  afterEach(async () => {
    await connector.close();
  });

  const start = () => spawnBot({ digiOfficeUrl: processes.sim.url, storageDir: processes.root });

  async function install(url: string, user: TeamsUser): Promise<void> {
    connector.setMember(user.id, { ...user });
    const response = await post(`${url}/api/messages`, installActivity(user, { serviceUrl: connector.url }), {});
    expect(response.status).toBe(200);
  }

  function notificationFor(user: TeamsUser, taskId: number) {
    const base = processes.sim.notificationFor(42, { userPrincipalName: user.userPrincipalName });
    return { ...base, task: { ...base.task, ID: taskId, Name: `Kill test task ${taskId}` } };
  }

  it('delivers every acknowledged notification after the restart', async () => {
    const first = start();
    const firstUrl = await first.listening;
    await install(firstUrl, ALEX);
    await install(firstUrl, JAN);

    const sent = [ALEX, JAN].flatMap((user, u) => Array.from({ length: PER_USER }, (_, i) => ({ user, taskId: 5000 + u * 100 + i })));
    const answers = await Promise.all(
      sent.map(({ user, taskId }) =>
        post(`${firstUrl}/api/notifications`, notificationFor(user, taskId), { authorization: `Bearer ${NOTIFY_KEY}` }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(sent.map(() => 202));
    const acknowledged = sent.map(({ taskId }) => taskId).sort();

    await connector.waitFor(() => taskCards(connector.calls).length >= KILL_AFTER_CARDS, 20_000);
    expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const beforeKill = taskCards(connector.calls).map((card) => card.taskId);
    expect(beforeKill.length).toBeLessThan(acknowledged.length);

    const second = start();
    await second.listening;
    await connector.waitFor(() => new Set(taskCards(connector.calls).map((card) => card.taskId)).size >= acknowledged.length, 30_000);
    await quiet(second);

    const cards = taskCards(connector.calls);
    expect([...new Set(cards.map((card) => card.taskId))].sort()).toEqual(acknowledged);
    for (const card of cards) expect(card.conversationId).toBe(sent.find((s) => s.taskId === card.taskId)?.user.conversationId);
    // A card the connector received but whose outcome the killed process did not store yet is sent again: at most
    // one per delivery in flight.
    expect(cards.length - acknowledged.length).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
    expect(await second.stop()).toEqual({ code: 0, signal: null });
  }, 90_000);
});

/** The task cards the connector received, in order. */
function taskCards(calls: readonly ConnectorCall[]): Array<{ taskId: number; conversationId: string | null }> {
  return calls.flatMap((call) => {
    if (call.method !== 'POST' || call.status >= 300 || !Array.isArray(call.body?.attachments)) return [];
    const name = texts(cardOf(call.body))
      .map((text) => (typeof text === 'string' ? NAME.exec(text) : null))
      .find((match) => match !== null);
    return name ? [{ taskId: Number(name[1]), conversationId: call.conversationId }] : [];
  });
}

/** Waits until the process logged no delivery for a moment, so late duplicates would be counted too. */
async function quiet(bot: BotProcess): Promise<void> {
  let length = -1;
  while (length !== bot.stdout().length) {
    length = bot.stdout().length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return { status: response.status };
}
