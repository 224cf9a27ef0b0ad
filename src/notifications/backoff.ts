/**
 * Retry timing as data: exponential backoff with full jitter, a server's `Retry-After` as the floor.
 */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** The ceiling of the first retry's delay; it doubles with every further retry. */
  baseDelayMs: number;
  /** No computed delay exceeds this (a server's Retry-After may). */
  maxDelayMs: number;
}

/** The outbox's policy: 1 s doubling to 5 min, 10 attempts (about 20 minutes of retrying in the worst case). */
export const OUTBOX_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 };

/**
 * The delay before retry number `retry` (1 for the first retry): a uniformly random value in
 * [0, min(maxDelayMs, baseDelayMs · 2^(retry−1))) — "full jitter", so many senders throttled at once do not retry in
 * step — but never less than `retryAfterMs`, because the server's word on when to come back is authoritative.
 *
 * @example backoffDelay(OUTBOX_RETRY_POLICY, 3, () => 0.5) // 2000: half of min(300000, 1000 · 2²)
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number, retryAfterMs: number | null = null): number {
  const exponent = Math.max(0, retry - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 52));
  const jittered = Math.floor(clampUnit(random()) * ceiling);
  return Math.max(jittered, retryAfterMs !== null && retryAfterMs > 0 ? Math.ceil(retryAfterMs) : 0);
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 1 - Number.EPSILON : value;
}
