import { join } from 'node:path';
import type { Bot } from '../lib/bot';
import { cardKey } from '../lib/fakeTeams';
import { assignedNotification, teamsUser } from '../lib/fixtures';
import { fmt, type BenchContext, type FigureResult } from './context';
import { SENDERS, sleep, startDeliveryBot, stopSignal } from './delivery';
import { eachLimit } from '../lib/bot';

/**
 * Memory: the bot's RSS once it has served 10,000 installations and delivered 10,000 open task cards, all through its
 * real routes (installationUpdate to /api/messages, then one task.assigned per user to /api/notifications), so every
 * cache, index and queue the traffic leaves behind counts. Seeding stops at a time cap; the figure then says how far
 * it got.
 */

const FIRST_USER = 300_001;
const FIRST_TASK = 60_000_000;
const MB = 1024 * 1024;
/**
 * Idle and after the load, the bot is measured once it has been quiet this long: what it holds then is what it keeps
 * (its own heap trim, src/ops/quietHeapTrim.ts, looks every 5 s). The RSS right after the load is reported beside it.
 */
const QUIET_MS = 15_000;

export async function memoryFigure(ctx: BenchContext): Promise<FigureResult> {
  const users = ctx.options.quick ? 2_000 : 10_000;
  const capMs = ctx.options.quick ? 30_000 : 90_000;
  const bot = await startDeliveryBot(ctx, 'memory');
  try {
    await sleep(QUIET_MS);
    const idle = await bot.memory();
    const detailIdle = await bot.memoryDetail();
    ctx.log(`memory: idle RSS ${fmt.n(idle.rss / MB)} MB; installing ${users} users, one open task card each (cap ${capMs / 1000} s)`);
    const deadline = Date.now() + capMs;
    const stop = stopSignal();
    const keys: string[] = [];
    let installed = 0;
    // Each sender installs a user, then sends that user's notification: both counts grow together until the cap.
    await eachLimit(
      Array.from({ length: users }, (_, i) => FIRST_USER + i),
      SENDERS,
      async (n) => {
        if (Date.now() >= deadline) return;
        await bot.install(teamsUser(n));
        installed++;
        const id = FIRST_TASK + n;
        const answer = await bot.notify(assignedNotification(id, n));
        if (answer.status !== 202) throw new Error(`memory: notification refused ${answer.status} ${answer.text}`);
        keys.push(cardKey(teamsUser(n).conversationId, id));
      },
    );
    stop.fire();
    const delivered = await waitForCards(ctx, keys, deadline);
    await idleWithin(bot, Math.max(5_000, deadline - Date.now()));
    await sleep(2_000);
    const rightAfter = await bot.memory();
    const detailRightAfter = await bot.memoryDetail();
    ctx.log(`memory: right after the load RSS ${fmt.n(rightAfter.rss / MB)} MB; quiet for ${QUIET_MS / 1000} s`);
    await sleep(QUIET_MS);
    const after = await bot.memory();
    const detailAfter = await bot.memoryDetail();
    // After the measurement: writing a snapshot takes a while and grows the process.
    const snapshot = join(ctx.runDir, 'memory.heapsnapshot');
    await bot.heapSnapshot(snapshot);
    ctx.log(`memory: heap snapshot in ${snapshot}`);
    const capped = installed < users || delivered < users;
    const data = {
      users,
      installed,
      cardsDelivered: delivered,
      capped,
      capMs,
      idle: inMB(idle),
      detailIdle,
      rightAfter: inMB(rightAfter),
      after: inMB(after),
      quietMs: QUIET_MS,
      detailRightAfter,
      detailAfter,
      nodeFlags: ctx.options.botNodeFlags,
    };
    const rows = [
      {
        figure: `memory: RSS after ${fmt.n(installed)} installs + ${fmt.n(delivered)} open cards`,
        value: `${fmt.n(after.rss / MB)} MB`,
        goal: '≤ 150 MB',
        detail: `idle ${fmt.n(idle.rss / MB)} MB; right after the load ${fmt.n(rightAfter.rss / MB)} MB; heap used ${fmt.n(after.heapUsed / MB)} MB${capped ? `; seeding capped at ${capMs / 1000} s (goal: ${fmt.n(users)} + ${fmt.n(users)})` : ''}`,
      },
    ];
    return { rows, data };
  } finally {
    await bot.stop();
  }
}

async function waitForCards(ctx: BenchContext, keys: string[], deadline: number): Promise<number> {
  await ctx.stubs.call('waitForCards', { keys, timeoutMs: Math.max(1_000, deadline - Date.now()) });
  return ctx.stubs.call<number>('countDelivered', keys);
}

async function idleWithin(bot: Bot, ms: number): Promise<void> {
  await Promise.race([bot.idle(), sleep(ms)]);
}

function inMB(usage: NodeJS.MemoryUsage): Record<string, number> {
  return Object.fromEntries(Object.entries(usage).map(([k, v]) => [k, Math.round((v / MB) * 10) / 10]));
}
