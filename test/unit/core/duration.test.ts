import { formatDuration, parseDuration } from '../../../src/core/duration';

describe('parseDuration()', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['36h', 129_600_000],
    [' 7d ', 604_800_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '7', 'd', '7 d', '7days', '-1d', '1.5h', '1w', '9999999d'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatDuration()', () => {
  it.each([
    [604_800_000, '7d'],
    [129_600_000, '36h'],
    [5_400_000, '90m'],
    [90_000, '90s'],
  ])('writes %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
