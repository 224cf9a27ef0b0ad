import { PER_CONVERSATION_WINDOWS, PER_TENANT_WINDOWS, SlidingWindowLimiter, findSlot } from '../../../src/notifications/rateLimiter';

/** Reserves `n` slots for one key starting at `now`, as the channel does, and returns their times. */
function reserveMany(limiter: SlidingWindowLimiter, key: string, n: number, now = 0): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = findSlot([{ limiter, key }], now);
    limiter.record(key, at);
    times.push(at);
  }
  return times;
}

function histogram(times: number[]): Array<[number, number]> {
  const counts = new Map<number, number>();
  for (const t of times) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts];
}

describe('SlidingWindowLimiter', () => {
  it('lets 7 through in the first second and the 8th one second later', () => {
    const limiter = new SlidingWindowLimiter(PER_CONVERSATION_WINDOWS);
    expect(reserveMany(limiter, 'conv', 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 1_000]);
  });

  it('keeps Teams per-conversation windows: 7/1 s, 8/2 s and 60/30 s', () => {
    const limiter = new SlidingWindowLimiter(PER_CONVERSATION_WINDOWS);
    expect(histogram(reserveMany(limiter, 'conv', 70))).toEqual([
      [0, 7],
      [1_000, 1],
      [2_000, 7],
      [3_000, 1],
      [4_000, 7],
      [5_000, 1],
      [6_000, 7],
      [7_000, 1],
      [8_000, 7],
      [9_000, 1],
      [10_000, 7],
      [11_000, 1],
      [12_000, 7],
      [13_000, 1],
      [14_000, 4],
      // the 61st waits until the first seven leave the 30-second window
      [30_000, 7],
      [31_000, 1],
      [32_000, 2],
    ]);
  });

  it('keeps an hourly window', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 3, windowMs: 3_600_000 }]);
    expect(reserveMany(limiter, 'conv', 5, 10)).toEqual([10, 10, 10, 3_600_010, 3_600_010]);
  });

  it('counts each key on its own', () => {
    const limiter = new SlidingWindowLimiter(PER_TENANT_WINDOWS);
    expect(reserveMany(limiter, 'tenant-a', 51).slice(49)).toEqual([0, 1_000]);
    expect(reserveMany(limiter, 'tenant-b', 1)).toEqual([0]);
  });

  it('hands out slots first come, first served', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1_000 }]);
    limiter.record('conv', 5_000);
    expect(limiter.earliest('conv', 0)).toBe(6_000);
  });

  it('frees slots as time passes', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }]);
    reserveMany(limiter, 'conv', 2, 0);
    expect(limiter.earliest('conv', 999)).toBe(1_000);
    expect(limiter.earliest('conv', 1_500)).toBe(1_500);
  });

  it('forgets idle keys when pruned, and they start afresh', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1_000 }]);
    limiter.record('conv', 0);
    limiter.prune(1_000);
    expect(limiter.earliest('conv', 0)).toBe(0);
  });

  it('refuses windows that could never admit anything', () => {
    expect(() => new SlidingWindowLimiter([])).toThrow('every window needs a limit ≥ 1 and a positive length');
    expect(() => new SlidingWindowLimiter([{ limit: 0, windowMs: 1 }])).toThrow('every window needs a limit ≥ 1 and a positive length');
  });
});

describe('findSlot()', () => {
  it('finds the first time that fits every limiter for its key', () => {
    const conversations = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }]);
    const tenants = new SlidingWindowLimiter([{ limit: 3, windowMs: 5_000 }]);
    const slots: number[] = [];
    for (const conv of ['a', 'a', 'b', 'b', 'a']) {
      const limits = [
        { limiter: conversations, key: conv },
        { limiter: tenants, key: 't' },
      ];
      const at = findSlot(limits, 0);
      for (const { limiter, key } of limits) limiter.record(key, at);
      slots.push(at);
    }
    // a, a, b at 0 fill the tenant; b must wait for the tenant window; a again for the tenant window too.
    expect(slots).toEqual([0, 0, 0, 5_000, 5_000]);
  });
});
