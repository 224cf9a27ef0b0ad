/**
 * Child process: the DigiOffice simulator (with the bench's users and click tasks) and the fake Bot Connector, so
 * neither shares an event loop with the bench's load generator or the servers it measures.
 * Environment: BENCH_CLICK_PLAN (JSON ClickTaskPlan).
 */
import { createDigiOfficeSimulator } from '../../tools/digioffice-sim';
import { FakeTeams } from '../lib/fakeTeams';
import { simulatorSeed, type ClickTaskPlan } from '../lib/fixtures';
import { ready, serve } from '../lib/rpc';

async function main(): Promise<void> {
  const plan = JSON.parse(process.env.BENCH_CLICK_PLAN ?? '{"users":0,"perUser":0,"firstId":1}') as ClickTaskPlan;
  const sim = createDigiOfficeSimulator({ seed: simulatorSeed(plan) });
  const simUrl = await sim.listen();
  const teams = new FakeTeams();
  const teamsUrl = await teams.start();

  serve({
    configure: (options: { enforceScale: number | null }) => teams.configure(options),
    reset: (options: { cards?: boolean }) => teams.reset(options ?? {}),
    stats: () => teams.getStats(),
    cardsFor: (keys: string[]) => teams.cardsFor(keys),
    countDelivered: (keys: string[]) => teams.countDelivered(keys),
    duplicatesOf: (keys: string[]) => teams.duplicatesOf(keys),
    waitForCards: ({ keys, timeoutMs }: { keys: string[]; timeoutMs: number }) => teams.waitForCards(keys, timeoutMs),
    waitForCardCount: ({ count, timeoutMs }: { count: number; timeoutMs: number }) => teams.waitForCardCount(count, timeoutMs),
    signInUrl: ({ conversationId, timeoutMs }: { conversationId: string; timeoutMs: number }) => teams.signInUrl(conversationId, timeoutMs),
    /** The FinishTaskOperations the simulator received since the last call, by answer status; and one body. */
    finishes: () => {
      const requests = sim.requestsTo('POST', '/api/workflowtasks/finish');
      sim.clearRequests();
      const byStatus: Record<string, number> = {};
      for (const r of requests) byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + 1;
      return { byStatus, last: requests[requests.length - 1]?.body ?? null };
    },
    stop: async () => {
      await Promise.all([sim.close(), teams.close()]);
      setImmediate(() => process.exit(0));
    },
  });
  ready({ simUrl, teamsUrl });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
