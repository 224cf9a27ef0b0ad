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

interface KeyLog {
  /** When the answers to earlier requests arrived, ascending. */
  answered: number[];
  /** Requests sent and not answered yet. */
  inFlight: number;
}

/**
 * A sliding-window limiter over several windows at once, per key, that holds whatever the delays between us and the
 * server that counts (docs/architecture.md, "Teams rate limits"). A request reaches the server after it was sent and
 * before its answer came back, so:
 *
 * - a request is checked at the time it is actually sent (`start`): the earliest it can arrive;
 * - an earlier request counts from when it was sent until its answer arrived (`finish`) plus the window: the latest
 *   it can have arrived, plus the window.
 *
 * Then no window at the server can hold more than the limit, however late or early a request leaves or its answer is
 * read. The price is the round trip: a slot is taken for the window plus the time the request was under way.
 */
export class SlidingWindowLimiter {
  private readonly log = new Map<string, KeyLog>();
  private readonly longestMs: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    if (windows.length === 0 || windows.some((w) => w.limit < 1 || w.windowMs <= 0)) {
      throw new Error('SlidingWindowLimiter: every window needs a limit ≥ 1 and a positive length');
    }
    this.longestMs = Math.max(...windows.map((w) => w.windowMs));
  }

  /**
   * The earliest time at or after `from` when one more request for `key` fits every window, if no request under way
   * is answered before then; `Infinity` when requests under way alone fill a window (an answer has to come first).
   */
  earliest(key: string, from: number): number {
    const entry = this.log.get(key);
    if (!entry) return from;
    const { answered, inFlight } = entry;
    let at = from;
    for (const { limit, windowMs } of this.windows) {
      const free = limit - inFlight;
      if (free <= 0) return Infinity;
      // Room for one more once at most free - 1 answers are younger than the window: the free-th youngest must leave.
      if (answered.length >= free) at = Math.max(at, (answered[answered.length - free] as number) + windowMs);
    }
    return at;
  }

  /** A request for `key` is sent now: it counts in every window until `finish`. */
  start(key: string): void {
    const entry = this.log.get(key);
    if (entry) entry.inFlight++;
    else this.log.set(key, { answered: [], inFlight: 1 });
  }

  /** The answer to a request started for `key` arrived at `at` (or it failed): it counts until `at` plus each window. */
  finish(key: string, at: number): void {
    const entry = this.log.get(key);
    if (!entry || entry.inFlight === 0) throw new Error(`SlidingWindowLimiter: no request under way for ${key}`);
    entry.inFlight--;
    const { answered } = entry;
    answered.splice(countUpTo(answered, at), 0, at);
    const stale = countUpTo(answered, at - this.longestMs);
    if (stale > 0) answered.splice(0, stale);
  }

  /** Forgets keys with nothing under way whose answers have all left the longest window (memory stays bounded). */
  prune(now: number): void {
    for (const [key, { answered, inFlight }] of this.log) {
      if (inFlight === 0 && (answered[answered.length - 1] ?? -Infinity) <= now - this.longestMs) this.log.delete(key);
    }
  }
}

export type SlotLimits = ReadonlyArray<{ limiter: SlidingWindowLimiter; key: string }>;

/** The earliest time at or after `now` that fits every limiter for its key (`Infinity`: wait for an answer). */
export function findSlot(limits: SlotLimits, now: number): number {
  return Math.max(now, ...limits.map(({ limiter, key }) => limiter.earliest(key, now)));
}

/** The number of entries at or before `at`; `sorted` is ascending. */
function countUpTo(sorted: number[], at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) > at) high = mid;
    else low = mid + 1;
  }
  return low;
}
