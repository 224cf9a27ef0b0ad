import { startAzurite, uniqueContainer, type Azurite } from '../../test/helpers/azurite';
import { Bot, eachLimit } from '../lib/bot';
import { assignedNotification, teamsUser } from '../lib/fixtures';
import { keepAliveAgent } from '../lib/http';
import { runLoad } from '../lib/load';
import { median, percentile, round } from '../lib/stats';
import { fmt, botBasics, type BenchContext, type FigureResult } from './context';

/**
 * Ingest: notifications accepted per second (`POST /api/notifications` answered 202), 16 concurrent senders, one
 * notification per request, each for a new task of an installed user: first every round on the default embedded store,
 * then every round on Azure blob storage on Azurite (reported only), each bot alone. The bot's own deliveries run
 * meanwhile at Teams' real pace (≤ 50/s), as in production.
 * Also the bot's CPU time per accepted notification (its main thread, and the whole process with the store's writer
 * thread): unlike the rate, it hardly moves when other processes share the CPUs.
 */

const SENDERS = 16;
const USERS_PER_BOT = 100;
/** Bodies prepared before a run (more than any run can send), so the senders only send. */
const MAX_RATE = 5_000;

interface RunStats {
  accepted: number;
  /** CPU µs per accepted notification during the run (deliveries running alongside included): main thread, process. */
  mainCpuUs: number;
  processCpuUs: number;
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

interface IngestSide {
  name: string;
  bot: Bot;
  firstUser: number;
  nextTask: number;
}

export async function ingestFigure(ctx: BenchContext): Promise<FigureResult> {
  const seconds = ctx.options.quick ? 1.5 : 3;
  const rounds: Array<Record<string, RunStats>> = Array.from({ length: ctx.options.rounds }, () => ({}));
  const names = ['embedded'];
  await measureSide(ctx, { name: 'embedded', env: {}, firstUser: 1001, nextTask: 10_000_000 }, seconds, rounds);
  let azurite: Azurite | null = null;
  try {
    azurite = await startAzurite();
  } catch (err) {
    ctx.log(`ingest: Azurite side left out: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (azurite) {
    try {
      const env = {
        STORAGE: 'azure',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        AZURE_STORAGE_CONTAINER: uniqueContainer('bench'),
      };
      await measureSide(ctx, { name: 'azurite', env, firstUser: 2001, nextTask: 20_000_000 }, seconds, rounds);
      names.push('azurite');
    } finally {
      await azurite.stop();
    }
  }
  return report(rounds, names, seconds);
}

/**
 * One store's rounds, its bot alone on the machine: the sides are not interleaved, since the other bot's deliveries
 * (and Azurite) would go on using the CPUs in the background and be counted against this one.
 */
async function measureSide(
  ctx: BenchContext,
  side: { name: string; env: Record<string, string>; firstUser: number; nextTask: number },
  seconds: number,
  rounds: Array<Record<string, RunStats>>,
): Promise<void> {
  const bot = await startBot(ctx, `ingest-${side.name}`, side.env);
  try {
    const running: IngestSide = { name: side.name, bot, firstUser: side.firstUser, nextTask: side.nextTask };
    const users = Array.from({ length: USERS_PER_BOT }, (_, i) => side.firstUser + i);
    await eachLimit(users, 8, (n) => bot.install(teamsUser(n)));
    ctx.log(`ingest: ${side.name}: ${USERS_PER_BOT} installed users; ${rounds.length} rounds of ${seconds} s`);
    for (const [r, roundStats] of rounds.entries()) {
      roundStats[side.name] = await ingestRun(running, seconds * 1000, (message) => ctx.log(message));
      ctx.log(`ingest: ${side.name} round ${r + 1}: ${fmt.n(roundStats[side.name]?.perSecond ?? NaN)}/s`);
    }
  } finally {
    await bot.stop();
  }
}

function startBot(ctx: BenchContext, name: string, env: Record<string, string>): Promise<Bot> {
  return Bot.start({ ...botBasics(ctx, name), rateScale: 1, env });
}

async function ingestRun(side: IngestSide, durationMs: number, log: (message: string) => void): Promise<RunStats> {
  const perWorker = Math.ceil((MAX_RATE * durationMs) / 1000 / SENDERS);
  const jobs = Array.from({ length: SENDERS }, () =>
    Array.from({ length: perWorker }, () => {
      const id = side.nextTask++;
      return JSON.stringify(assignedNotification(id, side.firstUser + (id % USERS_PER_BOT)));
    }),
  );
  const agent = keepAliveAgent(SENDERS);
  const cpuBefore = await side.bot.cpu();
  const result = await runLoad({
    concurrency: SENDERS,
    jobsFor: (worker) => jobs[worker] ?? [],
    timeLimitMs: durationMs,
    run: async (body) => {
      const answer = await side.bot.notify(body, agent);
      if (answer.status !== 202) throw new Error(`${answer.status} ${answer.text.slice(0, 200)}`);
    },
  }).finally(() => agent.destroy());
  const cpuAfter = await side.bot.cpu();
  const perAccepted = (us: number) => round(us / Math.max(result.ok, 1), 0);
  if (result.errors.length) log(`ingest: ${side.name}: ${result.failed} failed, e.g. ${result.errors.join(' | ')}`);
  return {
    accepted: result.ok,
    mainCpuUs: perAccepted(cpuAfter.mainUs - cpuBefore.mainUs),
    processCpuUs: perAccepted(cpuAfter.processUs - cpuBefore.processUs),
    perSecond: round(result.ok / (result.elapsedMs / 1000), 1),
    p50: round(percentile(result.latencies, 50), 2),
    p99: round(percentile(result.latencies, 99), 2),
    failed: result.failed,
  };
}

function report(rounds: Array<Record<string, RunStats>>, names: string[], seconds: number): FigureResult {
  const med = (name: string, field: keyof RunStats) => median(rounds.map((r) => r[name]?.[field] ?? NaN));
  const rows = names.map((name) => ({
    figure: name === 'embedded' ? 'ingest, 16 senders, default store' : `ingest, 16 senders, ${name} (reported only)`,
    value: `${fmt.n(med(name, 'perSecond'))}/s`,
    goal: name === 'embedded' ? '≥ 2,000/s' : '',
    detail:
      `per round ${rounds.map((r) => fmt.n(r[name]?.perSecond ?? NaN)).join(', ')}; latency p50 ${fmt.ms(med(name, 'p50'))} p99 ${fmt.ms(med(name, 'p99'))}; ` +
      `CPU per accepted ${fmt.n(med(name, 'mainCpuUs'))} µs main thread, ${fmt.n(med(name, 'processCpuUs'))} µs process`,
  }));
  const failed = rounds.reduce((n, r) => n + Object.values(r).reduce((m, s) => m + s.failed, 0), 0);
  if (failed > 0) rows.push({ figure: 'ingest failures', value: String(failed), goal: '0', detail: 'see the run log' });
  return {
    rows,
    data: { secondsPerRun: seconds, senders: SENDERS, rounds, medians: Object.fromEntries(names.map((n) => [n, med(n, 'perSecond')])) },
  };
}
