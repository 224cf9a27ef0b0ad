import { OUTBOX_RETRY_POLICY, backoffDelay, parseRetryAfter } from '../../../src/notifications/backoff';

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

describe('parseRetryAfter()', () => {
  const now = new Date('2026-11-30T16:00:00.000Z');

  it('reads delay-seconds', () => {
    expect(['0', '120', ' 7 ', '1.5'].map((v) => parseRetryAfter(v, now))).toEqual([0, 120_000, 7_000, 1_500]);
  });

  it('reads the three HTTP-date forms as the time left', () => {
    expect(parseRetryAfter('Mon, 30 Nov 2026 16:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Monday, 30-Nov-26 16:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Mon Nov 30 16:00:05 2026', now)).toBe(5_000);
  });

  it('reads a date in the past as 0', () => {
    expect(parseRetryAfter('Mon, 30 Nov 2026 15:00:00 GMT', now)).toBe(0);
  });

  it('gives null for absent or unreadable values', () => {
    expect([null, undefined, '', '  ', '-5', 'soon', '1 2', '2026-11-30T16:00:30Z'].map((v) => parseRetryAfter(v, now))).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
