import { DeliveryError, type CardChannel, type CardMessage } from '../../../src/core/cardChannel';
import type { ConversationRef } from '../../../src/core/installation';
import { silentLogger } from '../../../src/logger';
import { ThrottledCardChannel, type ThrottledChannelOptions } from '../../../src/notifications/throttledChannel';
import { FakeClock, advancingSleep } from './fixtures';

function reference(conversationId: string, tenantId = 'tenant-1'): ConversationRef {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/emea/',
    conversation: { id: conversationId, tenantId, conversationType: 'personal' },
    user: { id: `29:${conversationId}` },
    bot: { id: '28:bot' },
  };
}

type Call = { op: string; conversation: string; at: number; args: unknown[] };

/**
 * Time that moves only from one sleep to the next: `run` lets every promise settle, then jumps the clock to the
 * earliest pending sleep and ends it, until `work` is done. Sleeps of the channel are recorded in `waits`.
 */
class VirtualTime {
  readonly waits: number[] = [];
  private pending: Array<{ at: number; wake: () => void }> = [];
  constructor(readonly clock: FakeClock) {}

  readonly sleep = (ms: number): Promise<void> => {
    this.waits.push(ms);
    return this.after(ms);
  };

  /** A sleep that is not recorded (the inner channel's round trip). */
  after(ms: number): Promise<void> {
    return new Promise((wake) => this.pending.push({ at: this.clock.now().getTime() + ms, wake }));
  }

  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const settled = work.then(
      () => (done = true),
      () => (done = true),
    );
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) break;
      this.pending.sort((a, b) => a.at - b.at);
      const next = this.pending.shift();
      if (!next) throw new Error('stuck: the work waits, but nothing is pending');
      this.clock.advance(Math.max(0, next.at - this.clock.now().getTime()));
      next.wake();
    }
    await settled;
    return work;
  }
}

/** An inner channel that records every call (with the fake time), answers after `roundTripMs` and fails as scripted. */
class RecordingChannel implements CardChannel {
  readonly calls: Call[] = [];
  readonly failures: Error[] = [];
  roundTripMs = 0;
  constructor(
    private readonly clock: FakeClock,
    private readonly time?: VirtualTime,
  ) {}

  sendCard(ref: ConversationRef, message: CardMessage): Promise<string> {
    const id = `activity-${this.calls.length + 1}`;
    return this.record('sendCard', ref, [message]).then(() => id);
  }
  updateCard(ref: ConversationRef, activityId: string, message: CardMessage): Promise<void> {
    return this.record('updateCard', ref, [activityId, message]);
  }

  private async record(op: string, ref: ConversationRef, args: unknown[]): Promise<void> {
    this.calls.push({ op, conversation: ref.conversation.id, at: this.clock.now().getTime(), args });
    const failure = this.failures.shift();
    if (this.roundTripMs > 0 && this.time) await this.time.after(this.roundTripMs);
    if (failure) throw failure;
  }
}

const card: CardMessage = { card: { type: 'AdaptiveCard', version: '1.5' }, summary: 'Task 42: Approve invoice INV-2026-0042' };

/** The channel on a fake clock whose sleeps return at once after moving the clock (one call at a time). */
function setup(options: Partial<ThrottledChannelOptions> = {}) {
  const clock = new FakeClock(0);
  const inner = new RecordingChannel(clock);
  const { sleep, waits } = advancingSleep(clock);
  const channel = new ThrottledCardChannel(inner, { clock, logger: silentLogger, sleep, random: () => 0.5, ...options });
  return { clock, inner, channel, waits };
}

/** The channel on virtual time (calls at once), its inner channel answering after `roundTripMs`. */
function concurrent(roundTripMs: number, options: Partial<ThrottledChannelOptions> = {}) {
  const clock = new FakeClock(0);
  const time = new VirtualTime(clock);
  const inner = new RecordingChannel(clock, time);
  inner.roundTripMs = roundTripMs;
  const channel = new ThrottledCardChannel(inner, { clock, logger: silentLogger, sleep: time.sleep, random: () => 0.5, ...options });
  const sendAll = (conversations: string[], tenant?: string) =>
    time.run(Promise.all(conversations.map((c) => channel.sendCard(reference(c, tenant), card))));
  return { time, inner, channel, sendAll };
}

describe('ThrottledCardChannel rate limits', () => {
  // Each earlier send counts in a window from when it was sent until its answer came back, plus the window; a new
  // send is checked when it actually goes out.
  it('makes the 8th send to one conversation within a second wait for the next second', async () => {
    const { inner, channel, waits } = setup();
    for (let i = 0; i < 8; i++) await channel.sendCard(reference('a'), card);
    expect(waits).toEqual([1_000]);
    expect(inner.calls.map((c) => c.at)).toEqual([0, 0, 0, 0, 0, 0, 0, 1_000]);
  });

  it('counts a send until its answer is back: a 30 ms round trip moves the next window by 30 ms', async () => {
    const { inner, sendAll, time } = concurrent(30);
    const ids = await sendAll(Array<string>(10).fill('a'));
    // 7 go at once; their answers come at 30, so the 8th waits until 1,030; 8 per 2 s holds the 9th and 10th
    // until the first seven have been answered for 2 s (2,030).
    expect(inner.calls.map((c) => c.at)).toEqual([0, 0, 0, 0, 0, 0, 0, 1_030, 2_030, 2_030]);
    expect(time.waits).toEqual([1_000, 1_000]);
    expect(ids).toEqual([
      'activity-1',
      'activity-2',
      'activity-3',
      'activity-4',
      'activity-5',
      'activity-6',
      'activity-7',
      'activity-8',
      'activity-9',
      'activity-10',
    ]);
  });

  it('waits for an answer while sends under way fill the window', async () => {
    const { inner, sendAll } = concurrent(40, { perTenant: [{ limit: 2, windowMs: 100 }] });
    await sendAll(['a', 'b', 'c', 'd', 'e']);
    // a and b are under way until 40; c can go once they have been answered for 100 ms.
    expect(inner.calls.map((c) => [c.conversation, c.at])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 140],
      ['d', 140],
      ['e', 280],
    ]);
  });

  it('lets a call for another conversation pass one that waits for its own conversation', async () => {
    const { inner, sendAll } = concurrent(0);
    await sendAll([...Array<string>(8).fill('a'), 'b']);
    expect(inner.calls.map((c) => [c.conversation, c.at]).slice(6)).toEqual([
      ['a', 0],
      ['b', 0],
      ['a', 1_000],
    ]);
  });

  it('keeps the tenant within 50 per second across conversations, and other tenants go on', async () => {
    const { inner, sendAll } = concurrent(5);
    await sendAll([...Array.from({ length: 51 }, (_, i) => `conv-${i}`)]);
    await sendAll(['conv-x'], 'tenant-2');
    expect(inner.calls.map((c) => c.at)).toEqual([...Array(50).fill(0), 1_005, 1_010]);
  });

  it('refuses a slot farther away than maxWaitMs as throttled, so the outbox can schedule it durably', async () => {
    const { inner, channel, waits } = setup({ perConversation: [{ limit: 1, windowMs: 120_000 }] });
    await channel.updateCard(reference('a'), 'activity-1', card);
    const refused = channel.updateCard(reference('a'), 'activity-1', card);
    await expect(refused).rejects.toEqual(expect.objectContaining({ failure: 'throttled', retryAfterMs: 120_000 }));
    await expect(refused).rejects.toThrow('rate limit: the next updateCard slot is 120 s away');
    expect([inner.calls.length, waits]).toEqual([1, []]);
  });
});

describe('ThrottledCardChannel retries', () => {
  it('retries a throttled call after Retry-After and returns its result', async () => {
    const { inner, channel, waits } = setup();
    inner.failures.push(new DeliveryError('throttled', 'Bot Connector: 429', 429, 2_000));
    await expect(channel.sendCard(reference('a'), card)).resolves.toBe('activity-2');
    expect(waits).toEqual([2_000]);
    expect(inner.calls.map((c) => [c.op, c.at])).toEqual([
      ['sendCard', 0],
      ['sendCard', 2_000],
    ]);
  });

  it('retries a 412 / 429 without Retry-After on the backoff', async () => {
    const { inner, channel, waits } = setup();
    inner.failures.push(
      new DeliveryError('throttled', 'Bot Connector: 412', 412),
      new DeliveryError('throttled', 'Bot Connector: 429', 429),
    );
    await channel.sendCard(reference('a'), card);
    expect(waits).toEqual([500, 1_000]);
    expect(inner.calls.map((c) => c.args)).toEqual([[card], [card], [card]]);
  });

  it('retries a throttled call 3 times with backoff, then rethrows it', async () => {
    const { inner, channel, waits } = setup();
    const failures = [1, 2, 3, 4].map((n) => new DeliveryError('throttled', `Bot Connector: 429 (${n})`, 429));
    inner.failures.push(...failures);
    await expect(channel.updateCard(reference('a'), 'activity-9', card)).rejects.toBe(failures[3]);
    expect(waits).toEqual([500, 1_000, 2_000]);
    expect(inner.calls).toHaveLength(4);
  });

  it.each(['transient', 'blocked', 'permanent', 'notFound'] as const)(
    'never retries %s (botbuilder retried transient ones already)',
    async (failure) => {
      const { inner, channel, waits } = setup();
      const error = new DeliveryError(failure, `Bot Connector: ${failure}`, 403);
      inner.failures.push(error);
      await expect(channel.sendCard(reference('a'), card)).rejects.toBe(error);
      expect([inner.calls.length, waits]).toEqual([1, []]);
    },
  );

  it('does not retry errors that are not DeliveryErrors', async () => {
    const { inner, channel, waits } = setup();
    const bug = new TypeError('card is not serialisable');
    inner.failures.push(bug);
    await expect(channel.sendCard(reference('a'), card)).rejects.toBe(bug);
    expect([inner.calls.length, waits]).toEqual([1, []]);
  });

  it('leaves a Retry-After beyond maxWaitMs to the caller', async () => {
    const { inner, channel, waits } = setup();
    const error = new DeliveryError('throttled', 'Bot Connector: 429', 429, 90_000);
    inner.failures.push(error);
    await expect(channel.sendCard(reference('a'), card)).rejects.toBe(error);
    expect([inner.calls.length, waits]).toEqual([1, []]);
  });

  it('follows a custom retry count', async () => {
    const { inner, channel, waits } = setup({ retry: { retries: 1 } });
    inner.failures.push(new DeliveryError('throttled', 'slow down'), new DeliveryError('throttled', 'slow down'));
    await expect(channel.sendCard(reference('a'), card)).rejects.toThrow('slow down');
    expect([inner.calls.length, waits]).toEqual([2, [500]]);
  });
});

describe('ThrottledCardChannel.stop()', () => {
  it('ends real waits at once, leaving no timer behind', async () => {
    const clock = new FakeClock(0);
    const inner = new RecordingChannel(clock);
    const channel = new ThrottledCardChannel(inner, { clock, logger: silentLogger, perConversation: [{ limit: 1, windowMs: 30_000 }] });
    await channel.sendCard(reference('a'), card);
    const waiting = channel.sendCard(reference('a'), card);
    channel.stop();
    await expect(waiting).resolves.toBe('activity-2');
  });
});

describe('ThrottledCardChannel timeScale (npm run bench)', () => {
  it('divides every window by the scale', async () => {
    // 2 per 2 s for the tenant: 2 per 200 ms, ten times faster.
    const { inner, channel, waits } = setup({ timeScale: 10, perTenant: [{ limit: 2, windowMs: 2_000 }] });
    for (let i = 0; i < 8; i++) await channel.sendCard(reference('a'), card);
    await channel.sendCard(reference('b'), card);
    expect(waits).toEqual(Array(4).fill(200));
    expect(inner.calls.map((c) => [c.conversation, c.at])).toEqual([
      ['a', 0],
      ['a', 0],
      ['a', 200],
      ['a', 200],
      ['a', 400],
      ['a', 400],
      ['a', 600],
      ['a', 600],
      ['b', 800],
    ]);
  });

  it('divides the retry backoff and the longest wait by the scale', async () => {
    const { inner, channel, waits } = setup({ timeScale: 10 });
    inner.failures.push(new DeliveryError('throttled', 'Bot Connector: 429', 429));
    await channel.sendCard(reference('a'), card);
    expect(waits).toEqual([50]);
    const slow = setup({ timeScale: 10, perConversation: [{ limit: 1, windowMs: 80_000 }] });
    await slow.channel.sendCard(reference('a'), card);
    const refused = slow.channel.sendCard(reference('a'), card);
    await expect(refused).rejects.toEqual(expect.objectContaining({ failure: 'throttled', retryAfterMs: 8_000 }));
    expect(inner.calls.map((c) => c.at)).toEqual([0, 50]);
  });

  it('refuses a scale that is not a positive number', () => {
    expect(() => setup({ timeScale: 0 })).toThrow('ThrottledCardChannel: timeScale must be a positive number');
  });
});
