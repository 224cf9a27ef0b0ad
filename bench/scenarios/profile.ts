import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Bot, eachLimit } from '../lib/bot';
import { cardKey, type TaskCard, type TeamsStats } from '../lib/fakeTeams';
import { summarizeProfile, type ProfileSummary } from '../lib/cpuProfile';
import { assignedNotification, clickTaskId, teamsUser } from '../lib/fixtures';
import { runLoad } from '../lib/load';
import type { CallCount } from '../lib/storageCalls';
import { round } from '../lib/stats';
import { clickPlan, clickRun, deliverCards, PROFILE_CLICKS_PER_USER, profileTaskIndex, side, signInUsers } from './click';
import { cardRenderer } from './render';
import { botBasics, fmt, type BenchContext, type FigureResult, type Row } from './context';

/**
 * Where the time goes (`--profile`): the ingest path and the click path each under load in a bot of its own, with the
 * V8 CPU profiler sampling only the measured window and every storage call counted and attributed to the product
 * function that made it. Writes the .cpuprofile files into the run folder (open them in Chrome DevTools).
 */

const SAMPLING_US = 200;

interface PathProfile {
  operations: number;
  /** Cards the connector received while profiling. */
  cardsPosted: number;
  perSecond: number;
  storageCalls: number;
  storageCallsPerOperation: number;
  /** Storage calls per operation by the product's entry point (outermost product frame on the stack). */
  byPath: Array<{ path: string; perOperation: number }>;
  /** Storage calls per operation by method and calling function. */
  byCaller: Array<{ method: string; caller: string; path: string; perOperation: number; keysPerCall: number }>;
  cpu: ProfileSummary;
  file: string;
}

export async function profileFigure(ctx: BenchContext): Promise<FigureResult> {
  const ingest = await profileIngest(ctx);
  const click = await profileClick(ctx);
  const render = await profileRender(ctx);
  const accept = callsOnPath(ingest, (path) => path.startsWith('NotificationWebhook'));
  const deliver = callsOnPath(ingest, (path) => path.startsWith('Outbox'));
  const rows: Row[] = [
    {
      figure: 'profile ingest: storage calls',
      value: fmt.n(accept / Math.max(1, ingest.operations), 1),
      goal: '',
      detail: `per accepted notification (until the 202), + ${fmt.n(deliver / Math.max(1, ingest.cardsPosted), 1)} per delivered card; ${topSelf(ingest)}`,
    },
    {
      figure: 'profile click: storage calls',
      value: fmt.n(click.storageCallsPerOperation, 1),
      goal: '',
      detail: `per click; ${topSelf(click)}`,
    },
    {
      figure: 'profile render (5 transitions)',
      value: fmt.ms(render.msPerCard),
      goal: '',
      detail: `top self time ${render.cpu.self
        .slice(0, 3)
        .map((s) => `${s.name.split(' ')[0] ?? s.name} ${s.percent}%`)
        .join(', ')}`,
    },
  ];
  return { rows, data: { samplingUs: SAMPLING_US, ingest, click, render } };
}

function callsOnPath(p: PathProfile, match: (path: string) => boolean): number {
  return p.byPath.filter((entry) => match(entry.path)).reduce((n, entry) => n + entry.perOperation * p.operations, 0);
}

function topSelf(p: PathProfile): string {
  const top = p.cpu.self
    .slice(0, 3)
    .map((s) => `${s.name.split(' ')[0] ?? s.name} ${s.percent}%`)
    .join(', ');
  return `${fmt.n(p.perSecond)}/s while profiled; top self time ${top}`;
}

async function profiledBot(ctx: BenchContext, name: string, rateScale: number): Promise<Bot> {
  return Bot.start({ ...botBasics(ctx, name), rateScale, countStorage: true });
}

async function profileIngest(ctx: BenchContext): Promise<PathProfile> {
  const bot = await profiledBot(ctx, 'profile-ingest', 1);
  try {
    const users = Array.from({ length: 100 }, (_, i) => 400_001 + i);
    await eachLimit(users, 8, (n) => bot.install(teamsUser(n)));
    await bot.idle();
    const seconds = ctx.options.quick ? 3 : 6;
    const jobs = Array.from({ length: 16 }, (_, w) =>
      Array.from({ length: 2_000 }, (_, i) => {
        const id = 80_000_000 + w * 10_000 + i;
        return JSON.stringify(assignedNotification(id, users[(w + i) % users.length] as number));
      }),
    );
    return await profiled(ctx, bot, 'ingest', async () => {
      const result = await runLoad({
        concurrency: 16,
        jobsFor: (w) => jobs[w] ?? [],
        timeLimitMs: seconds * 1000,
        run: async (body) => {
          const answer = await bot.notify(body);
          if (answer.status !== 202) throw new Error(`${answer.status} ${answer.text.slice(0, 200)}`);
        },
      });
      return { operations: result.ok, elapsedMs: result.elapsedMs };
    });
  } finally {
    await bot.stop();
  }
}

async function profileClick(ctx: BenchContext): Promise<PathProfile> {
  const bot = await profiledBot(ctx, 'profile-click', ctx.options.scale);
  try {
    const plan = clickPlan(ctx.options);
    const from = profileTaskIndex(ctx.options);
    await signInUsers(ctx, bot);
    const cards = await deliverCards(ctx, bot, plan, from, PROFILE_CLICKS_PER_USER);
    const botSide = side('bot', bot.url, ctx, (n, i) => {
      const card = cards.get(cardKey(teamsUser(n).conversationId, clickTaskId(plan, n, from + i))) as TaskCard;
      return { data: card.clickData, replyToId: card.activityId };
    });
    return await profiled(ctx, bot, 'click', async () => {
      const result = await clickRun(botSide, 16, 16 * PROFILE_CLICKS_PER_USER);
      await bot.idle();
      if (result.failed > 0) ctx.log(`profile: ${result.failed} clicks failed: ${result.errors.join(' | ')}`);
      return { operations: result.ok, elapsedMs: result.elapsedMs };
    });
  } finally {
    await bot.stop();
  }
}

/** Runs `load` with the profiler on and storage calls counted from a clean slate. */
async function profiled(
  ctx: BenchContext,
  bot: Bot,
  name: string,
  load: () => Promise<{ operations: number; elapsedMs: number }>,
): Promise<PathProfile> {
  const file = join(ctx.runDir, `${name}.cpuprofile`);
  await bot.child.call('storageCalls');
  await ctx.stubs.call('reset');
  await bot.child.call('profileStart', { intervalUs: SAMPLING_US });
  const { operations, elapsedMs } = await load();
  await bot.child.call('profileStop', { file });
  const calls = await bot.child.call<CallCount[]>('storageCalls');
  const { cardPosts } = await ctx.stubs.call<TeamsStats>('stats');
  const per = (n: number) => round(n / Math.max(1, operations), 2);
  const paths = new Map<string, number>();
  for (const c of calls) paths.set(c.path, (paths.get(c.path) ?? 0) + c.calls);
  const total = calls.reduce((n, c) => n + c.calls, 0);
  ctx.log(`profile ${name}: ${operations} operations, ${total} storage calls; profile in ${file}`);
  return {
    operations,
    cardsPosted: cardPosts,
    perSecond: round(operations / (elapsedMs / 1000), 1),
    storageCalls: total,
    storageCallsPerOperation: per(total),
    byPath: [...paths.entries()].sort((a, b) => b[1] - a[1]).map(([path, n]) => ({ path, perOperation: per(n) })),
    byCaller: calls.map((c) => ({
      method: c.method,
      caller: c.caller,
      path: c.path,
      perOperation: per(c.calls),
      keysPerCall: round(c.keys / c.calls, 1),
    })),
    cpu: summarizeProfile(file),
    file,
  };
}

/** The card renderer in this process, profiled over a couple of seconds of 5-transition cards. */
async function profileRender(ctx: BenchContext): Promise<{ msPerCard: number; cpu: ProfileSummary; file: string }> {
  const render = cardRenderer();
  for (let i = 0; i < 500; i++) render(5);
  const file = join(ctx.runDir, 'render.cpuprofile');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await session.post('Profiler.start');
  const t0 = performance.now();
  let cards = 0;
  while (performance.now() - t0 < 2_000) {
    for (let i = 0; i < 100; i++) render(5);
    cards += 100;
  }
  const msPerCard = (performance.now() - t0) / cards;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  return { msPerCard: round(msPerCard, 4), cpu: summarizeProfile(file), file };
}
