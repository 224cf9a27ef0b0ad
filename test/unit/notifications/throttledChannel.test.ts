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

/** An inner channel that records every call (with the fake time) and fails as scripted. */
class RecordingChannel implements CardChannel {
  readonly calls: Call[] = [];
  readonly failures: Error[] = [];
  constructor(private readonly clock: FakeClock) {}

  sendCard(ref: ConversationRef, message: CardMessage): Promise<string> {
    return this.record('sendCard', ref, [message]).then(() => `activity-${this.calls.length}`);
  }
  updateCard(ref: ConversationRef, activityId: string, message: CardMessage): Promise<void> {
    return this.record('updateCard', ref, [activityId, message]);
  }

  private record(op: string, ref: ConversationRef, args: unknown[]): Promise<void> {
    this.calls.push({ op, conversation: ref.conversation.id, at: this.clock.now().getTime(), args });
    const failure = this.failures.shift();
    return failure ? Promise.reject(failure) : Promise.resolve();
  }
}

const card: CardMessage = { card: { type: 'AdaptiveCard', version: '1.5' }, summary: 'Task 42: Approve invoice INV-2026-0042' };

function setup(options: Partial<ThrottledChannelOptions> = {}) {
  const clock = new FakeClock(0);
  const inner = new RecordingChannel(clock);
  const { sleep, waits } = advancingSleep(clock);
  const channel = new ThrottledCardChannel(inner, { clock, logger: silentLogger, sleep, random: () => 0.5, ...options });
  return { clock, inner, channel, waits };
}

describe('ThrottledCardChannel rate limits', () => {
  // Windows are planned 5 % longer than Teams' (a message arrives a little after its slot), and the tenant's 50 per
  // second are spread evenly: one slot every 21 ms.
  it('makes the 8th send to one conversation within a second wait for the next (planned) second', async () => {
    const { inner, channel, waits } = setup();
    for (let i = 0; i < 8; i++) await channel.sendCard(reference('a'), card);
    expect(waits).toEqual([21, 21, 21, 21, 21, 21, 924]);
    expect(inner.calls.map((c) => c.at)).toEqual([0, 21, 42, 63, 84, 105, 126, 1_050]);
  });

  it('gives concurrent senders distinct slots', async () => {
    const clock = new FakeClock(0);
    const inner = new RecordingChannel(clock);
    const waits: number[] = [];
    const channel = new ThrottledCardChannel(inner, { clock, logger: silentLogger, sleep: (ms) => (waits.push(ms), Promise.resolve()) });
    const ids = await Promise.all(Array.from({ length: 10 }, () => channel.sendCard(reference('a'), card)));
    // 7 per second, 8 per 2 seconds (each 5 % longer), one slot per 21 ms.
    expect(waits).toEqual([21, 42, 63, 84, 105, 126, 1_050, 2_100, 2_121]);
    expect(ids).toHaveLength(10);
  });

  it('spreads sends per tenant evenly across conversations, within the cap, and other tenants go on', async () => {
    const { inner, channel, waits } = setup({ perTenant: [{ limit: 50, windowMs: 1_000 }] });
    const clockAt = () => inner.calls[inner.calls.length - 1]?.at;
    for (let i = 0; i < 50; i++) await channel.sendCard(reference(`conv-${i}`), card);
    expect([waits, clockAt()]).toEqual([Array(49).fill(21), 49 * 21]);
    await channel.sendCard(reference('conv-50'), card);
    expect([waits.at(-1), clockAt()]).toEqual([21, 1_050]);
    await channel.sendCard(reference('conv-x', 'tenant-2'), card);
    expect([waits.length, clockAt()]).toEqual([50, 1_050]);
  });

  it('refuses a slot farther away than maxWaitMs as throttled, so the outbox can schedule it durably', async () => {
    const { inner, channel, waits } = setup({ perConversation: [{ limit: 1, windowMs: 120_000 }] });
    await channel.updateCard(reference('a'), 'activity-1', card);
    const refused = channel.updateCard(reference('a'), 'activity-1', card);
    await expect(refused).rejects.toEqual(expect.objectContaining({ failure: 'throttled', retryAfterMs: 126_000 }));
    await expect(refused).rejects.toThrow('rate limit: the next updateCard slot is 126 s away');
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
    // 2 per 2 s for the tenant: planned as 2 per 2.1 s, one slot per 1.05 s; ten times faster.
    const { inner, channel, waits } = setup({ timeScale: 10, perTenant: [{ limit: 2, windowMs: 2_000 }] });
    for (let i = 0; i < 8; i++) await channel.sendCard(reference('a'), card);
    await channel.sendCard(reference('b'), card);
    expect(waits).toEqual(Array(8).fill(105));
    expect(inner.calls.map((c) => [c.conversation, c.at])).toEqual([
      ['a', 0],
      ['a', 105],
      ['a', 210],
      ['a', 315],
      ['a', 420],
      ['a', 525],
      ['a', 630],
      ['a', 735],
      ['b', 840],
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
    await expect(refused).rejects.toEqual(expect.objectContaining({ failure: 'throttled', retryAfterMs: 8_400 }));
    expect(inner.calls.map((c) => c.at)).toEqual([0, 50]);
  });

  it('refuses a scale that is not a positive number', () => {
    expect(() => setup({ timeScale: 0 })).toThrow('ThrottledCardChannel: timeScale must be a positive number');
  });
});
