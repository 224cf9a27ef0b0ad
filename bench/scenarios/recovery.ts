import type { TaskCard, TeamsStats } from '../lib/fakeTeams';
import { minimumDrainMs } from '../lib/teamsLimits';
import { fmt, type BenchContext, type FigureResult } from './context';
import { burst, installUsers, perConversation, sendBurst, sleep, startDeliveryBot, stopSignal } from './delivery';

/**
 * Recovery: the bot (a child process on the default embedded store, on disk) gets a burst; once half of it is
 * delivered (or after 20 s) it is killed with SIGKILL and started again on the same folder at once. The figure: seconds from the kill
 * until every acknowledged (202) notification's card was posted, minus the shortest time Teams' limits allow for the
 * cards still undelivered at the kill. Lost cards (acknowledged, never posted) and duplicates per 1,000.
 */

export async function recoveryFigure(ctx: BenchContext): Promise<FigureResult> {
  const users = ctx.options.quick ? 200 : 400;
  const perUser = 5;
  // How long after the kill the run watches: longer than a shared outbox's lease (15 s) plus its rescan (10 s), so an
  // item the dead process had claimed and that is delivered again when its lease runs out counts as a duplicate (the
  // embedded store's outbox takes no leases: the restarted process resumes at once).
  const capMs = 40_000;
  let bot = await startDeliveryBot(ctx, 'recovery');
  try {
    ctx.log(`recovery: installing ${users} users`);
    await installUsers(bot, 200_001, users);
    await bot.idle();
    const { items } = burst(200_001, users, perUser, 50_000_000);
    await ctx.stubs.call('reset', { cards: true });
    await ctx.stubs.call('configure', { enforceScale: ctx.options.scale });

    const acknowledged: string[] = [];
    const stop = stopSignal();
    const sending = sendBurst(bot, items, acknowledged, stop.promise);
    // Mid-drain: once half the cards are out, or after a while if the bot delivers more slowly than that.
    await ctx.stubs.call('waitForCardCount', { count: Math.floor(items.length / 2), timeoutMs: ctx.options.quick ? 10_000 : 20_000 });
    const killedAt = Date.now();
    stop.fire();
    await bot.kill9();
    const sent = await sending;
    const ackedSet = new Set(acknowledged);
    const acked = [...ackedSet];
    const deliveredAtKill = await ctx.stubs.call<number>('countDelivered', acked);
    const deliveredKeys = new Set((await ctx.stubs.call<TaskCard[]>('cardsFor', acked)).map((c) => `${c.conversationId}|${c.taskId}`));
    const rest = items.filter((item) => ackedSet.has(item.key) && !deliveredKeys.has(item.key));
    const minimumRestMs = minimumDrainMs(perConversation(rest), ctx.options.scale);
    ctx.log(`recovery: killed (-9) with ${acked.length} acknowledged, ${deliveredAtKill} of them delivered; restarting on the same folder`);

    const restartAt = Date.now();
    bot = await bot.restart();
    const readyMs = Date.now() - restartAt;
    const all = await ctx.stubs.call<boolean>('waitForCards', { keys: acked, timeoutMs: capMs });
    const cards = await ctx.stubs.call<TaskCard[]>('cardsFor', acked);
    ctx.log(
      `recovery: ${all ? 'all' : 'not all'} acknowledged cards delivered; watching for duplicates until ${capMs / 1000} s after the kill`,
    );
    await sleep(killedAt + capMs - Date.now());
    const stats = await ctx.stubs.call<TeamsStats>('stats');
    await ctx.stubs.call('configure', { enforceScale: null });
    const lastCardAt = Math.max(killedAt, ...cards.map((c) => c.firstAt));
    const allDeliveredMs = (all ? lastCardAt : Date.now()) - killedAt;
    const beyondMs = allDeliveredMs - minimumRestMs;
    const undelivered = acked.length - cards.length;
    const duplicatesPer1000 = (stats.duplicates / Math.max(1, acked.length)) * 1000;
    const data = {
      users,
      notifications: items.length,
      acknowledged: acked.length,
      refusedOrCutOff: sent.failed,
      deliveredAtKill,
      restRemaining: rest.length,
      restartReadyMs: readyMs,
      allDelivered: all,
      allDeliveredAfterKillMs: allDeliveredMs,
      minimumForRestMs: minimumRestMs,
      beyondMinimumMs: beyondMs,
      undelivered,
      duplicates: stats.duplicates,
      duplicatesPer1000,
      refused429: stats.refused429,
      capMs,
    };
    const rows = [
      {
        figure: 'recovery after kill -9: beyond minimum',
        value: all ? fmt.s(beyondMs / 1000) : `> ${fmt.s(beyondMs / 1000)}`,
        goal: '≤ 10 s',
        detail: `${fmt.n(rest.length)} undelivered at the kill; all acknowledged delivered ${all ? 'after' : 'not within'} ${fmt.s(allDeliveredMs / 1000)} vs ${fmt.s(minimumRestMs / 1000)} minimum; restart ${fmt.s(readyMs / 1000)}`,
      },
      {
        figure: 'recovery: lost / duplicates per 1,000',
        value: `${all ? undelivered : `${undelivered}?`} / ${fmt.n(duplicatesPer1000, 1)}`,
        goal: '0 / ≤ 20',
        detail: `${fmt.n(acked.length)} acknowledged; ${stats.duplicates} duplicate cards and ${stats.refused429} 429s within ${capMs / 1000} s of the kill${all ? '' : `; ${undelivered} not delivered by then`}`,
      },
    ];
    return { rows, data };
  } finally {
    await bot.stop();
  }
}
