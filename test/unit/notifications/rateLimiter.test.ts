import {
  PER_CONVERSATION_WINDOWS,
  PER_TENANT_WINDOWS,
  SlidingWindowLimiter,
  findSlot,
  type RateWindow,
} from '../../../src/notifications/rateLimiter';

/**
 * Sends `n` requests for one key one after another, each as early as the limiter allows after the previous answer,
 * each answered `roundTripMs` after it was sent. Returns the send times.
 */
function sendOneByOne(limiter: SlidingWindowLimiter, key: string, n: number, roundTripMs = 0, from = 0): number[] {
  const times: number[] = [];
  let now = from;
  for (let i = 0; i < n; i++) {
    const at = limiter.earliest(key, now);
    limiter.start(key);
    limiter.finish(key, at + roundTripMs);
    times.push(at);
    now = at + roundTripMs;
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
    expect(sendOneByOne(limiter, 'conv', 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 1_000]);
  });

  it('counts a request until its answer arrived, plus the window', () => {
    const limiter = new SlidingWindowLimiter(PER_CONVERSATION_WINDOWS);
    // The first request's answer came at 10: it may have reached Teams that late, so the 8th waits until 1,010.
    expect(sendOneByOne(limiter, 'conv', 8, 10)).toEqual([0, 10, 20, 30, 40, 50, 60, 1_010]);
  });

  it('keeps Teams per-conversation windows: 7/1 s, 8/2 s and 60/30 s', () => {
    const limiter = new SlidingWindowLimiter(PER_CONVERSATION_WINDOWS);
    expect(histogram(sendOneByOne(limiter, 'conv', 70))).toEqual([
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
    expect(sendOneByOne(limiter, 'conv', 5, 0, 10)).toEqual([10, 10, 10, 3_600_010, 3_600_010]);
  });

  it('counts requests under way in every window: a full window waits for an answer', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }]);
    limiter.start('conv');
    expect(limiter.earliest('conv', 0)).toBe(0);
    limiter.start('conv');
    expect(limiter.earliest('conv', 5_000)).toBe(Infinity);
    limiter.finish('conv', 40);
    expect([limiter.earliest('conv', 100), limiter.earliest('conv', 1_100)]).toEqual([1_040, 1_100]);
  });

  it('keeps answers in time order whatever order they are reported in', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }]);
    for (const at of [300, 100, 200]) {
      limiter.start('conv');
      limiter.finish('conv', at);
    }
    // The two latest answers (200, 300) are in the window until 1,200.
    expect(limiter.earliest('conv', 0)).toBe(1_200);
  });

  it('counts each key on its own', () => {
    const limiter = new SlidingWindowLimiter(PER_TENANT_WINDOWS);
    expect(sendOneByOne(limiter, 'tenant-a', 51).slice(49)).toEqual([0, 1_000]);
    expect(sendOneByOne(limiter, 'tenant-b', 1)).toEqual([0]);
  });

  it('frees slots as time passes', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }]);
    sendOneByOne(limiter, 'conv', 2);
    expect(limiter.earliest('conv', 999)).toBe(1_000);
    expect(limiter.earliest('conv', 1_500)).toBe(1_500);
  });

  it('forgets idle keys when pruned, and they start afresh, but not keys with requests under way', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1_000 }]);
    sendOneByOne(limiter, 'idle', 1);
    limiter.start('busy');
    limiter.prune(1_000);
    expect([limiter.earliest('idle', 0), limiter.earliest('busy', 1_000)]).toEqual([0, Infinity]);
  });

  it('refuses an answer to a request that was never started', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1_000 }]);
    expect(() => limiter.finish('conv', 0)).toThrow('SlidingWindowLimiter: no request under way for conv');
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
    let now = 0;
    for (const conv of ['a', 'a', 'b', 'b', 'a']) {
      const limits = [
        { limiter: conversations, key: conv },
        { limiter: tenants, key: 't' },
      ];
      const at = findSlot(limits, now);
      now = at;
      for (const { limiter, key } of limits) {
        limiter.start(key);
        limiter.finish(key, at);
      }
      slots.push(at);
    }
    // a, a, b at 0 fill the tenant; b must wait for the tenant window; a again for the tenant window too.
    expect(slots).toEqual([0, 0, 0, 5_000, 5_000]);
  });

  it('is Infinity while requests under way fill one of the limiters', () => {
    const conversations = new SlidingWindowLimiter([{ limit: 1, windowMs: 1_000 }]);
    const tenants = new SlidingWindowLimiter([{ limit: 5, windowMs: 1_000 }]);
    conversations.start('a');
    expect(
      findSlot(
        [
          { limiter: conversations, key: 'a' },
          { limiter: tenants, key: 't' },
        ],
        0,
      ),
    ).toBe(Infinity);
  });
});

describe('SlidingWindowLimiter against a server that counts arrivals', () => {
  /** A small deterministic random source (the test must fail the same way every time). */
  function seeded(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  /** The most arrivals any window of `windowMs` holds (a window ends at each arrival; `>` as the server counts). */
  function busiestWindow(arrivals: number[], windowMs: number): number {
    const sorted = [...arrivals].sort((a, b) => a - b);
    return Math.max(...sorted.map((at, i) => sorted.slice(0, i + 1).filter((t) => t > at - windowMs).length));
  }

  it('never lets a window at the server hold more than the limit, however each request is delayed on the way', () => {
    const window: RateWindow = { limit: 5, windowMs: 100 };
    const limiter = new SlidingWindowLimiter([window]);
    const random = seeded(7);
    // 8 senders; each request reaches the server somewhere between its send and its answer (up to 40 ms round trip,
    // anywhere inside it), as a paused event loop or a slow network would spread them.
    const arrivals: number[] = [];
    const senders = Array.from({ length: 8 }, () => 0);
    const underWay: Array<{ answerAt: number }> = [];
    for (let sent = 0; sent < 300;) {
      const now = Math.min(...senders);
      for (const request of underWay.filter((r) => r.answerAt <= now)) {
        limiter.finish('k', request.answerAt);
        underWay.splice(underWay.indexOf(request), 1);
      }
      const sender = senders.indexOf(now);
      const at = limiter.earliest('k', now);
      if (at > now) {
        // Wait for the slot, or for the next answer when requests under way fill the window.
        senders[sender] = Math.min(at, ...underWay.map((r) => r.answerAt));
        continue;
      }
      limiter.start('k');
      const answerAt = now + Math.floor(random() * 40);
      arrivals.push(now + Math.floor(random() * (answerAt - now + 1)));
      underWay.push({ answerAt });
      senders[sender] = answerAt;
      sent++;
    }
    expect(busiestWindow(arrivals, window.windowMs)).toBeLessThanOrEqual(window.limit);
  });
});
