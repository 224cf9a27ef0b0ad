import { parseRetryAfter } from '../../../src/bot/retryAfter';

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
