/** At most `limit` events in any `windowMs` long interval. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Teams' limits per bot per conversation for sends (docs/architecture.md, "Teams rate limits"). */
export const PER_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** The global cap per app per tenant (50 RPS in current guidance; the older doc says 30). */
export const PER_TENANT_WINDOWS: readonly RateWindow[] = [{ limit: 50, windowMs: 1_000 }];

/**
 * A sliding-window log limiter over several windows at once, per key. Slots are handed out first come, first served:
 * a reservation is never earlier than the key's latest one, so checking the interval that ends at the candidate
 * time is enough to keep every window within its limit.
 */
export class SlidingWindowLimiter {
  private readonly log = new Map<string, number[]>();
  private readonly longestMs: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    if (windows.length === 0 || windows.some((w) => w.limit < 1 || w.windowMs <= 0)) {
      throw new Error('SlidingWindowLimiter: every window needs a limit ≥ 1 and a positive length');
    }
    this.longestMs = Math.max(...windows.map((w) => w.windowMs));
  }

  /** The earliest time at or after `from` when one more event for `key` fits every window. */
  earliest(key: string, from: number): number {
    const events = this.log.get(key) ?? [];
    let at = Math.max(from, events[events.length - 1] ?? from);
    for (let changed = true; changed;) {
      changed = false;
      for (const { limit, windowMs } of this.windows) {
        if (countAfter(events, at - windowMs) < limit) continue;
        // The limit-th most recent event has to leave the window first.
        const opensAt = (events[events.length - limit] as number) + windowMs;
        if (opensAt > at) {
          at = opensAt;
          changed = true;
        }
      }
    }
    return at;
  }

  /** Records an event for `key` at `at` (as returned by `earliest`) and forgets events no window still needs. */
  record(key: string, at: number): void {
    const events = this.log.get(key) ?? [];
    events.push(at);
    const horizon = at - this.longestMs;
    const firstKept = events.findIndex((t) => t > horizon);
    this.log.set(key, firstKept <= 0 ? events : events.slice(firstKept));
  }

  /** Forgets keys whose events have all left the longest window (keeps memory bounded by active conversations). */
  prune(now: number): void {
    for (const [key, events] of this.log) {
      if ((events[events.length - 1] ?? -Infinity) <= now - this.longestMs) this.log.delete(key);
    }
  }
}

export type SlotLimits = ReadonlyArray<{ limiter: SlidingWindowLimiter; key: string }>;

/**
 * The earliest time at or after `now` that fits every limiter for its key. Record it in each limiter before the next
 * await, so concurrent senders are never handed the same slot.
 */
export function findSlot(limits: SlotLimits, now: number): number {
  let at = now;
  for (let changed = true; changed;) {
    changed = false;
    for (const { limiter, key } of limits) {
      const next = limiter.earliest(key, at);
      if (next !== at) {
        at = next;
        changed = true;
      }
    }
  }
  return at;
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
