import type { TeamsStats } from '../lib/fakeTeams';
import { minimumDrainMs } from '../lib/teamsLimits';
import { fmt, type BenchContext, type FigureResult } from './context';
import { burst, installUsers, perConversation, sendBurst, startDeliveryBot, stopSignal } from './delivery';

/**
 * Delivery drain: a burst of notifications (5 per user) through a connector that enforces Teams' limits, scaled; the
 * figure is the time from the first notification sent to the last card posted, divided by the shortest time those
 * limits allow for the same cards. Also: 429s the connector answered, and cards posted twice (same task + user).
 */

export async function drainFigure(ctx: BenchContext): Promise<FigureResult> {
  const wanted = ctx.options.quick ? 400 : 2_000;
  const perUser = 5;
  const installCapMs = ctx.options.quick ? 30_000 : 60_000;
  const capMs = ctx.options.quick ? 30_000 : 90_000;
  const bot = await startDeliveryBot(ctx, 'drain');
  try {
    ctx.log(`drain: installing ${wanted} users (cap ${installCapMs / 1000} s)`);
    const users = await installUsers(bot, 100_001, wanted, Date.now() + installCapMs);
    await bot.idle();
    const { items } = burst(100_001, users, perUser, 40_000_000);
    await ctx.stubs.call('reset', { cards: true });
    await ctx.stubs.call('configure', { enforceScale: ctx.options.scale });
    ctx.log(`drain: ${items.length} notifications to ${users} users, Teams' limits ${ctx.options.scale}× faster (cap ${capMs / 1000} s)`);
    const acknowledged: string[] = [];
    const t0 = Date.now();
    let lastAck = t0;
    const stop = stopSignal();
    const sending = sendBurst(bot, items, acknowledged, stop.promise).then((result) => ((lastAck = Date.now()), result));
    const drained = await ctx.stubs.call<boolean>('waitForCards', { keys: items.map((i) => i.key), timeoutMs: capMs });
    stop.fire();
    const stats = await ctx.stubs.call<TeamsStats>('stats');
    const stoppedAt = Date.now();
    await ctx.stubs.call('configure', { enforceScale: null });
    const sent = await sending;
    if (sent.errors.length) ctx.log(`drain: ${sent.failed} notifications refused, e.g. ${sent.errors.join(' | ')}`);
    const minimumMs = minimumDrainMs(perConversation(items), ctx.options.scale);
    const drainMs = drained ? (stats.lastNewCardAt ?? stoppedAt) - t0 : stoppedAt - t0;
    const ratio = drainMs / minimumMs;
    const data = {
      usersWanted: wanted,
      users,
      notifications: items.length,
      scale: ctx.options.scale,
      drained,
      delivered: stats.distinctCards,
      acknowledged: acknowledged.length,
      refusedBySender: sent.failed,
      drainMs,
      minimumMs,
      ratio,
      acceptedAllAfterMs: acknowledged.length === items.length ? lastAck - t0 : null,
      refused429: stats.refused429,
      duplicates: stats.duplicates,
      connector: stats,
    };
    const head = drained ? fmt.x(ratio) : `> ${fmt.x(ratio)}`;
    const rows = [
      {
        figure: 'drain ÷ minimum the limits allow',
        value: head,
        goal: '≤ 1.1×',
        detail:
          (drained
            ? `${fmt.n(items.length)} cards to ${fmt.n(users)} users in ${fmt.s(drainMs / 1000)} vs ${fmt.s(minimumMs / 1000)} minimum (${ctx.options.scale}× scaled)`
            : `capped: ${fmt.n(stats.distinctCards)} of ${fmt.n(items.length)} delivered, ${fmt.n(acknowledged.length)} accepted in ${fmt.s(drainMs / 1000)} (minimum for all ${fmt.s(minimumMs / 1000)})`) +
          (users < wanted ? `; only ${fmt.n(users)} of ${fmt.n(wanted)} users installed within ${installCapMs / 1000} s` : ''),
      },
      {
        figure: 'drain: 429s / duplicates',
        value: `${stats.refused429} / ${stats.duplicates}`,
        goal: '0 / 0',
        detail: `${stats.messages} messages posted`,
      },
    ];
    return { rows, data };
  } finally {
    await bot.stop();
  }
}
