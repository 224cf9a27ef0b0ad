import { OUTBOX_RETRY_POLICY, backoffDelay } from '../../../src/notifications/backoff';

const half = () => 0.5;

describe('backoffDelay()', () => {
  it('doubles the jitter ceiling per retry from 1 s and caps it at 5 min', () => {
    const delays = Array.from({ length: 12 }, (_, i) => backoffDelay(OUTBOX_RETRY_POLICY, i + 1, half));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 150_000, 150_000, 150_000]);
  });

  it('spreads the delay over the whole range (full jitter)', () => {
    expect([0, 0.25, 0.999999].map((r) => backoffDelay(OUTBOX_RETRY_POLICY, 3, () => r))).toEqual([0, 1_000, 3_999]);
  });

  it('never waits less than Retry-After, and ignores a Retry-After below the jitter', () => {
    expect(backoffDelay(OUTBOX_RETRY_POLICY, 1, half, 3_000)).toBe(3_000);
    expect(backoffDelay(OUTBOX_RETRY_POLICY, 4, half, 3_000)).toBe(4_000);
    expect(backoffDelay(OUTBOX_RETRY_POLICY, 1, half, 600_000)).toBe(600_000);
    expect(backoffDelay(OUTBOX_RETRY_POLICY, 1, half, null)).toBe(500);
  });

  it('keeps a broken random source within range', () => {
    expect([-1, 1, 7, Number.NaN].map((r) => backoffDelay(OUTBOX_RETRY_POLICY, 1, () => r))).toEqual([0, 999, 999, 0]);
  });
});
