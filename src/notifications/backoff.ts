/**
 * Retry timing as data (STYLE §5.8): exponential backoff with full jitter, a server's `Retry-After` as the floor.
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

/**
 * A `Retry-After` header value in milliseconds from `now`: either delay-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`); a date in the past means 0. Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only the date forms RFC 9110 allows; Date.parse alone would also take "1 2" or "tomorrow"-like noise.
  if (
    !/^[A-Za-z]{3,9},? \d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$|^[A-Za-z]{3} [A-Za-z]{3} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/.test(
      text,
    )
  ) {
    return null;
  }
  const at = Date.parse(/GMT$/.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 1 - Number.EPSILON : value;
}
