import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cardActionActivity } from '../../test/helpers/teamsActivities';
import { Bot, eachLimit } from '../lib/bot';
import { cardKey, type TaskCard } from '../lib/fakeTeams';
import { assignedNotification, clickTaskId, digiOfficeUser, teamsUser, type ClickTaskPlan } from '../lib/fixtures';
import { keepAliveAgent, postJson } from '../lib/http';
import { runLoad, type LoadResult } from '../lib/load';
import { Child } from '../lib/processes';
import { median, percentile, round } from '../lib/stats';
import { fmt, botBasics, type BenchContext, type BenchOptions, type FigureResult } from './context';

/**
 * Card click round trip: signed-in users click Approve on a fresh open task card (`adaptiveCard/action` invoke →
 * FinishTaskOperation POST to the simulator → card back), against a bare restify server doing the same minimal work,
 * at 1 and at 16 concurrent clients. Rounds alternate bot, bare, bot, bare…; every click hits a task nobody clicked.
 */

const USERS = 16;
const WARM_UP_PER_USER = 1;
const LEVELS = [1, 16] as const;

interface Sizes {
  rounds: number;
  /** Clicks per round per server at each concurrency. */
  clicks: Record<(typeof LEVELS)[number], number>;
}

function sizes(options: BenchOptions): Sizes {
  return { rounds: options.rounds, clicks: options.quick ? { 1: 24, 16: 48 } : { 1: 48, 16: 96 } };
}

/** Tasks per user per server: every click of the run plus the warm-up. */
function tasksPerServer(s: Sizes): number {
  return s.rounds * LEVELS.reduce((n, level) => n + Math.ceil(s.clicks[level] / USERS), 0) + WARM_UP_PER_USER;
}

/** Clicks per user the profile run makes (on tasks of its own). */
export const PROFILE_CLICKS_PER_USER = 20;

/** The simulator's tasks, per user: the bot's, the bare server's, then the profile run's. */
export function clickPlan(options: BenchOptions): ClickTaskPlan {
  return { users: USERS, perUser: 2 * tasksPerServer(sizes(options)) + PROFILE_CLICKS_PER_USER, firstId: 1 };
}

/** The index of the profile run's first task of each user. */
export function profileTaskIndex(options: BenchOptions): number {
  return 2 * tasksPerServer(sizes(options));
}

export interface Side {
  name: 'bot' | 'bare';
  url: string;
  /** The next unclicked task's pre-serialised click activity, per user (1-based). */
  next(user: number): string;
  check(status: number, text: string): void;
}

interface RunStats {
  p50: number;
  p99: number;
  perSecond: number;
  clicks: number;
  failed: number;
  /** CPU time per answered click, µs (/proc): the whole process, and its main thread (the event loop). */
  cpuUs: number;
  mainCpuUs: number;
}

/** CPU time a server process used so far, µs (`process.cpuUsage`, `process.threadCpuUsage`). */
type CpuReading = { mainUs: number; processUs: number };

export async function clickFigure(ctx: BenchContext): Promise<FigureResult> {
  const s = sizes(ctx.options);
  const plan = clickPlan(ctx.options);
  const perServer = tasksPerServer(s);
  const bot = await Bot.start({ ...botBasics(ctx, 'click-bot'), rateScale: ctx.options.scale });
  const bare = await Child.start('click-bare', join(__dirname, '..', 'children', 'bare.ts'), {
    logFile: join(ctx.runDir, 'click-bare.log'),
    env: { BENCH_SIM_URL: ctx.simUrl },
  });
  try {
    ctx.log(`click: installing and signing in ${USERS} users, delivering ${USERS * perServer} task cards`);
    await signInUsers(ctx, bot);
    await bare.call(
      'setTokens',
      await Promise.all(clickUsers().map(async (n) => [teamsUser(n).aadObjectId, await digiOfficeLogin(ctx.simUrl, n)])),
    );
    const cards = await deliverCards(ctx, bot, plan, 0, perServer);

    const botSide = side('bot', bot.url, ctx, (n, i) => {
      const card = cards.get(cardKey(teamsUser(n).conversationId, clickTaskId(plan, n, i))) as TaskCard;
      return { data: card.clickData, replyToId: card.activityId };
    });
    const template = [...cards.values()][0] as TaskCard;
    const bareSide = side('bare', String(bare.info.url), ctx, (n, i) => ({
      data: { ...template.clickData, taskIds: [clickTaskId(plan, n, perServer + i)] },
      replyToId: `bare-activity-${n}-${i}`,
    }));

    // Warm-up (not measured): one click per user on each; the bare server then answers the bot's card verbatim.
    const botAnswer = await warmUp(botSide);
    const botOperation = (await ctx.stubs.call<{ last: unknown }>('finishes')).last;
    await bare.call('setAnswer', botAnswer);
    await warmUp(bareSide);
    const bareOperation = (await ctx.stubs.call<{ last: unknown }>('finishes')).last;
    const sameOperation = isDeepStrictEqual(withoutTaskIds(botOperation), withoutTaskIds(bareOperation));
    if (!sameOperation) ctx.log(`click: WARNING the bare server posts another operation than the bot: ${JSON.stringify(bareOperation)}`);

    const cpu = { bot: () => bot.cpu(), bare: () => bare.call<CpuReading>('cpu') };
    const rounds: Array<Record<string, RunStats>> = [];
    for (let r = 0; r < s.rounds; r++) {
      const round: Record<string, RunStats> = {};
      for (const level of LEVELS) {
        for (const current of [botSide, bareSide]) {
          const before = await cpu[current.name]();
          const result = await clickRun(current, level, s.clicks[level]);
          const finishes = await ctx.stubs.call<{ byStatus: Record<string, number> }>('finishes');
          // The bot's card update after each click is part of what a click costs it.
          if (current.name === 'bot') await bot.idle();
          const used = cpuPerClick(before, await cpu[current.name](), result.ok);
          round[`${current.name}@${level}`] = { ...runStats(result), ...used, failed: result.failed + nonSuccess(finishes.byStatus) };
          if (result.errors.length) ctx.log(`click: ${current.name}@${level} failures: ${result.errors.join(' | ')}`);
        }
      }
      rounds.push(round);
      ctx.log(`click: round ${r + 1}/${s.rounds} ${summary(round)}`);
    }
    return report(rounds, s, sameOperation, Buffer.byteLength(JSON.stringify(botAnswer)));
  } finally {
    await Promise.all([bot.stop(), bare.stop()]);
  }
}

export function clickUsers(): number[] {
  return Array.from({ length: USERS }, (_, i) => i + 1);
}

/** Installs the click users and signs them in to DigiOffice, through the bot's real routes. */
export async function signInUsers(ctx: BenchContext, bot: Bot): Promise<void> {
  await eachLimit(clickUsers(), 8, (n) => bot.install(teamsUser(n)));
  await eachLimit(clickUsers(), 8, (n) => bot.signIn(n, ctx.stubs));
}

/** Sends `task.assigned` for each user's tasks [from, from + count) and waits for their cards. */
export async function deliverCards(
  ctx: BenchContext,
  bot: Bot,
  plan: ClickTaskPlan,
  from: number,
  count: number,
): Promise<Map<string, TaskCard>> {
  const notifications: Array<{ id: number; n: number }> = [];
  for (let i = from; i < from + count; i++) for (let n = 1; n <= plan.users; n++) notifications.push({ id: clickTaskId(plan, n, i), n });
  const batches: Array<typeof notifications> = [];
  for (let i = 0; i < notifications.length; i += 100) batches.push(notifications.slice(i, i + 100));
  await eachLimit(batches, 4, async (batch) => {
    const answer = await bot.notify({ notifications: batch.map(({ id, n }) => assignedNotification(id, n)) });
    if (answer.status !== 202) throw new Error(`click: the bot refused notifications: ${answer.status} ${answer.text}`);
  });
  const keys = notifications.map(({ id, n }) => cardKey(teamsUser(n).conversationId, id));
  if (!(await ctx.stubs.call<boolean>('waitForCards', { keys, timeoutMs: 600_000 })))
    throw new Error('click: the cards were not delivered');
  const cards = await ctx.stubs.call<TaskCard[]>('cardsFor', keys);
  return new Map(cards.map((card) => [cardKey(card.conversationId, card.taskId), card]));
}

export function side(
  name: Side['name'],
  url: string,
  ctx: BenchContext,
  click: (user: number, index: number) => { data: Record<string, unknown>; replyToId: string },
): Side {
  const used = new Map<number, number>();
  return {
    name,
    url,
    next(user) {
      const index = used.get(user) ?? 0;
      used.set(user, index + 1);
      const { data, replyToId } = click(user, index);
      return JSON.stringify(cardActionActivity(teamsUser(user), 'task.finish', data, { serviceUrl: ctx.teamsUrl, replyToId }));
    },
    check(status, text) {
      const body = JSON.parse(text) as { statusCode?: number; type?: string };
      if (status !== 200 || body.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive')
        throw new Error(`${name} answered ${status} ${text.slice(0, 200)}`);
    },
  };
}

async function warmUp(target: Side): Promise<unknown> {
  const agent = keepAliveAgent(USERS);
  let answer: unknown = null;
  await eachLimit(
    Array.from({ length: USERS }, (_, i) => i + 1),
    USERS,
    async (n) => {
      const { status, text } = await postJson(agent, `${target.url}/api/messages`, target.next(n));
      target.check(status, text);
      answer = JSON.parse(text);
    },
  );
  agent.destroy();
  return answer;
}

/** `clicks` clicks by `level` concurrent clients; with 16, each client is one user. */
export async function clickRun(target: Side, level: number, clicks: number): Promise<LoadResult> {
  const jobs: string[][] = Array.from({ length: level }, () => []);
  for (let i = 0; i < clicks; i++) {
    const worker = i % level;
    const user = level === 1 ? (i % USERS) + 1 : worker + 1;
    jobs[worker]?.push(target.next(user));
  }
  const agent = keepAliveAgent(level);
  try {
    return await runLoad({
      concurrency: level,
      jobsFor: (worker) => jobs[worker] ?? [],
      run: async (body) => {
        const { status, text } = await postJson(agent, `${target.url}/api/messages`, body);
        target.check(status, text);
      },
    });
  } finally {
    agent.destroy();
  }
}

async function digiOfficeLogin(simUrl: string, n: number): Promise<string> {
  const { userName, password } = digiOfficeUser(n);
  const response = await fetch(`${simUrl}/api/auth/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ UserName: userName, Password: password }),
  });
  const body = (await response.json()) as { BearerToken?: string };
  if (!body.BearerToken) throw new Error(`click: DigiOffice sign-in of ${userName} failed (${response.status})`);
  return body.BearerToken;
}

function runStats(result: LoadResult): Omit<RunStats, 'cpuUs' | 'mainCpuUs'> {
  return {
    p50: round(percentile(result.latencies, 50), 3),
    p99: round(percentile(result.latencies, 99), 3),
    perSecond: round(result.ok / (result.elapsedMs / 1000), 1),
    clicks: result.ok,
    failed: result.failed,
  };
}

function cpuPerClick(before: CpuReading, after: CpuReading, clicks: number): Pick<RunStats, 'cpuUs' | 'mainCpuUs'> {
  const per = (us: number) => round(us / Math.max(1, clicks), 0);
  return { cpuUs: per(after.processUs - before.processUs), mainCpuUs: per(after.mainUs - before.mainUs) };
}

function nonSuccess(byStatus: Record<string, number>): number {
  return Object.entries(byStatus).reduce((n, [status, count]) => (status.startsWith('2') ? n : n + count), 0);
}

function withoutTaskIds(operation: unknown): unknown {
  return typeof operation === 'object' && operation !== null ? { ...operation, TaskIDs: null } : operation;
}

function summary(round: Record<string, RunStats>): string {
  return LEVELS.map(
    (level) => `c${level}: bot p50 ${fmt.ms(round[`bot@${level}`]?.p50 ?? NaN)} / bare ${fmt.ms(round[`bare@${level}`]?.p50 ?? NaN)}`,
  ).join('; ');
}

function report(rounds: Array<Record<string, RunStats>>, s: Sizes, sameOperation: boolean, cardBytes: number): FigureResult {
  const stat = (key: string, field: keyof RunStats) => rounds.map((r) => r[key]?.[field] ?? NaN);
  const ratio = (level: number, field: 'p50' | 'p99' | 'perSecond' | 'cpuUs') =>
    median(rounds.map((r) => (r[`bot@${level}`]?.[field] ?? NaN) / (r[`bare@${level}`]?.[field] ?? NaN)));
  const failures = rounds.reduce((n, r) => n + Object.values(r).reduce((m, run) => m + run.failed, 0), 0);
  const rows = LEVELS.flatMap((level) => {
    const med = (side: string, field: keyof RunStats) => median(stat(`${side}@${level}`, field));
    return [
      {
        figure: `click p50, ${level} client${level > 1 ? 's' : ''}`,
        value: fmt.x(ratio(level, 'p50')),
        goal: '≤ 1.3×',
        detail: `bot ${fmt.ms(med('bot', 'p50'))} vs bare ${fmt.ms(med('bare', 'p50'))}`,
      },
      {
        figure: `click p99, ${level} client${level > 1 ? 's' : ''}`,
        value: fmt.x(ratio(level, 'p99')),
        goal: '≤ 2×',
        detail: `bot ${fmt.ms(med('bot', 'p99'))} vs bare ${fmt.ms(med('bare', 'p99'))}`,
      },
      {
        figure: `click throughput, ${level} client${level > 1 ? 's' : ''}`,
        value: fmt.x(ratio(level, 'perSecond')),
        goal: '(bot ÷ bare)',
        detail: `bot ${fmt.n(med('bot', 'perSecond'))}/s vs bare ${fmt.n(med('bare', 'perSecond'))}/s`,
      },
      {
        figure: `click CPU, ${level} client${level > 1 ? 's' : ''}`,
        value: fmt.x(ratio(level, 'cpuUs')),
        goal: '(bot ÷ bare)',
        detail: `per click: bot ${fmt.n(med('bot', 'cpuUs'))} µs (main thread ${fmt.n(med('bot', 'mainCpuUs'))}) vs bare ${fmt.n(med('bare', 'cpuUs'))} µs`,
      },
    ];
  });
  if (failures > 0) rows.push({ figure: 'click failures', value: String(failures), goal: '0', detail: 'see the run log' });
  return {
    rows,
    data: {
      clicksPerRound: s.clicks,
      rounds,
      ratios: Object.fromEntries(
        LEVELS.map((level) => [
          level,
          { p50: ratio(level, 'p50'), p99: ratio(level, 'p99'), perSecond: ratio(level, 'perSecond'), cpu: ratio(level, 'cpuUs') },
        ]),
      ),
      failures,
      bareSendsTheSameOperation: sameOperation,
      answerBytes: cardBytes,
    },
  };
}
