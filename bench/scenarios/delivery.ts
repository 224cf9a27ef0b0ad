import { Bot, eachLimit } from '../lib/bot';
import { cardKey } from '../lib/fakeTeams';
import { assignedNotification, teamsUser } from '../lib/fixtures';
import { runLoad, type LoadResult } from '../lib/load';
import { botBasics, type BenchContext } from './context';

/** What the delivery figures (drain, recovery, memory) share: a bot with installed users and a burst of notifications. */

export const SENDERS = 16;

export interface Burst {
  /** The notification bodies in sending order (round-robin over the users), with the card each should produce. */
  items: Array<{ body: string; key: string; conversationId: string }>;
}

/** `perUser` new tasks for each of users first..first+users-1, round-robin, task ids from `firstTask`. */
export function burst(first: number, users: number, perUser: number, firstTask: number): Burst {
  const items: Burst['items'] = [];
  for (let round = 0; round < perUser; round++) {
    for (let i = 0; i < users; i++) {
      const n = first + i;
      const id = firstTask + round * users + i;
      const { conversationId } = teamsUser(n);
      items.push({ body: JSON.stringify(assignedNotification(id, n)), key: cardKey(conversationId, id), conversationId });
    }
  }
  return { items };
}

export function startDeliveryBot(ctx: BenchContext, name: string): Promise<Bot> {
  return Bot.start({ ...botBasics(ctx, name), rateScale: ctx.options.scale });
}

/** Installs users first..first+count-1 (16 at a time), stopping early at `deadline` (epoch ms); returns how many. */
export async function installUsers(bot: Bot, first: number, count: number, deadline = Infinity): Promise<number> {
  let installed = 0;
  await eachLimit(
    Array.from({ length: count }, (_, i) => first + i),
    SENDERS,
    async (n) => {
      if (Date.now() >= deadline) return;
      await bot.install(teamsUser(n));
      installed++;
    },
  );
  return installed;
}

/**
 * Sends the burst with 16 concurrent senders, one notification per request, until done or `stop` resolves.
 * `acknowledged` gets the key of every notification answered 202 (in the order answered).
 */
export function sendBurst(bot: Bot, items: Burst['items'], acknowledged: string[], stop?: Promise<unknown>): Promise<LoadResult> {
  const queues: Array<Burst['items']> = Array.from({ length: SENDERS }, () => []);
  items.forEach((item, i) => queues[i % SENDERS]?.push(item));
  return runLoad({
    concurrency: SENDERS,
    jobsFor: (worker) => queues[worker] ?? [],
    ...(stop ? { stop } : {}),
    run: async (item) => {
      const answer = await bot.notify(item.body);
      if (answer.status !== 202) throw new Error(`${answer.status} ${answer.text.slice(0, 200)}`);
      acknowledged.push(item.key);
    },
  });
}

/** Cards per conversation for these items (the shape the minimum drain time needs). */
export function perConversation(items: Array<{ conversationId: string }>): number[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.conversationId, (counts.get(item.conversationId) ?? 0) + 1);
  return [...counts.values()];
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** A promise to hand to senders, and the function that resolves it. */
export function stopSignal(): { promise: Promise<void>; fire: () => void } {
  let fire: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}
