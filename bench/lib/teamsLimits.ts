/**
 * Teams' limits for a bot's messages, as the fake connector enforces them (Microsoft's "Rate limiting for bots" page):
 * per bot per conversation 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour; per app per tenant about 50 per second.
 * Written out here rather than taken from the product, so a mistake in the product's own copy shows up as 429s.
 */

export interface LimitWindow {
  limit: number;
  windowMs: number;
}

export const TEAMS_PER_CONVERSATION: readonly LimitWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

export const TEAMS_PER_TENANT: readonly LimitWindow[] = [{ limit: 50, windowMs: 1_000 }];

/** The windows `scale` times shorter: the bench runs Teams' limits (and the bot's pacing) that much faster. */
export function scaled(windows: readonly LimitWindow[], scale: number): LimitWindow[] {
  return windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs / scale }));
}

/** Event times per key against a set of windows: "at most `limit` events in any `windowMs` long interval". */
export class WindowLog {
  private readonly events = new Map<string, number[]>();

  constructor(private readonly windows: readonly LimitWindow[]) {}

  /** Whether one more event for `key` at `at` (not before the key's latest) keeps every window within its limit. */
  fits(key: string, at: number): boolean {
    const events = this.events.get(key) ?? [];
    return this.windows.every(({ limit, windowMs }) => countAfter(events, at - windowMs) < limit);
  }

  /** The earliest time at or after `from` (and the key's latest event) that fits. */
  earliest(key: string, from: number): number {
    const events = this.events.get(key) ?? [];
    let at = Math.max(from, events[events.length - 1] ?? from);
    for (let moved = true; moved;) {
      moved = false;
      for (const { limit, windowMs } of this.windows) {
        if (countAfter(events, at - windowMs) < limit) continue;
        at = (events[events.length - limit] as number) + windowMs;
        moved = true;
      }
    }
    return at;
  }

  record(key: string, at: number): void {
    const events = this.events.get(key);
    if (events) events.push(at);
    else this.events.set(key, [at]);
  }
}

/**
 * The shortest time the limits allow to post `cardsPerConversation[i]` cards to conversation i (one tenant), all
 * available at time 0: the last card's earliest slot when cards go out round-robin over the conversations, each as
 * early as both the conversation's and the tenant's windows allow. In milliseconds of scaled time.
 */
export function minimumDrainMs(cardsPerConversation: readonly number[], scale: number): number {
  const conversations = new WindowLog(scaled(TEAMS_PER_CONVERSATION, scale));
  const tenant = new WindowLog(scaled(TEAMS_PER_TENANT, scale));
  const rounds = Math.max(0, ...cardsPerConversation);
  let cursor = 0;
  for (let round = 0; round < rounds; round++) {
    cardsPerConversation.forEach((count, i) => {
      if (count <= round) return;
      let at = cursor;
      for (let moved = true; moved;) {
        const next = tenant.earliest('tenant', conversations.earliest(String(i), at));
        moved = next !== at;
        at = next;
      }
      conversations.record(String(i), at);
      tenant.record('tenant', at);
      cursor = at;
    });
  }
  return cursor;
}

/** The number of events strictly after `after`; `events` is sorted ascending. */
function countAfter(events: number[], after: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((events[mid] as number) > after) high = mid;
    else low = mid + 1;
  }
  return events.length - low;
}
