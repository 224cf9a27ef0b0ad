import { DeliveryError, type CardChannel, type CardMessage } from '../core/cardChannel';
import type { Clock } from '../core/clock';
import type { ConversationRef } from '../core/installation';
import type { Logger } from '../core/logger';
import { backoffDelay } from './backoff';
import {
  PER_CONVERSATION_WINDOWS,
  PER_TENANT_WINDOWS,
  SlidingWindowLimiter,
  findSlot,
  type RateWindow,
  type SlotLimits,
} from './rateLimiter';
import { Sleeper, type Sleep } from './sleeper';

/**
 * How often one call is tried again. botbuilder's connector pipeline already retries 408/5xx and 429/503 that carry
 * a Retry-After, up to 3 times (docs/architecture.md, "Teams rate limits"), so each of our retries can stand for up to 4 HTTP requests:
 * keep `retries` small. What we add is 412, 429 without Retry-After, and a wait honouring Retry-After.
 */
export interface ChannelRetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Waits longer than this (a long Retry-After, a full hourly window) are not sat out in memory: the call fails as
   * `throttled` with `retryAfterMs`, and the outbox keeps the notification on its durable schedule.
   */
  maxWaitMs: number;
}

export const CHANNEL_RETRY_POLICY: ChannelRetryPolicy = { retries: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, maxWaitMs: 60_000 };

export interface ThrottledChannelOptions {
  clock: Clock;
  logger: Logger;
  sleep?: Sleep;
  random?: () => number;
  retry?: Partial<ChannelRetryPolicy>;
  perConversation?: readonly RateWindow[];
  perTenant?: readonly RateWindow[];
  /**
   * Runs the pacing this many times faster: every window and every retry wait is divided by it (default 1). Only for
   * `npm run bench`, whose fake Bot Connector enforces Teams' limits scaled by the same factor.
   */
  timeScale?: number;
}

type Operation = 'sendCard' | 'updateCard';

/** Forget idle conversations at most this often. */
const PRUNE_EVERY_MS = 60_000;

/** A call waiting for its slot. */
interface Waiter {
  operation: Operation;
  limits: SlotLimits;
  go: () => void;
  refuse: (err: DeliveryError) => void;
}

/**
 * A CardChannel that keeps proactive traffic within Teams' rate limits (per conversation, and per app per tenant) and
 * retries a throttled call (429 without Retry-After, 412: the two botbuilder's own pipeline does not retry).
 * Transient failures (5xx, timeouts) pass through: botbuilder already retried them three times with backoff, and a
 * longer outage belongs to the outbox's persisted schedule, not to more waiting here. Blocked, not-found and
 * permanent failures pass straight through: retrying them cannot help.
 *
 * Waiting calls stand in one line, served in order as their slots open: one timer for the earliest slot, and each
 * answer looks again (it may free a slot), rather than every waiting call waking for the same slot.
 */
export class ThrottledCardChannel implements CardChannel {
  private readonly conversations: SlidingWindowLimiter;
  private readonly tenants: SlidingWindowLimiter;
  private readonly policy: ChannelRetryPolicy;
  private readonly sleeper = new Sleeper();
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private waiting: Waiter[] = [];
  /** When the pending wake-up fires (Infinity: none pending). */
  private wakeAt = Infinity;
  private lastPrune = 0;

  constructor(
    private readonly inner: CardChannel,
    private readonly options: ThrottledChannelOptions,
  ) {
    const scale = options.timeScale ?? 1;
    if (!(scale > 0)) throw new Error('ThrottledCardChannel: timeScale must be a positive number');
    this.conversations = new SlidingWindowLimiter(scaledWindows(options.perConversation ?? PER_CONVERSATION_WINDOWS, scale));
    this.tenants = new SlidingWindowLimiter(scaledWindows(options.perTenant ?? PER_TENANT_WINDOWS, scale));
    const policy = { ...CHANNEL_RETRY_POLICY, ...options.retry };
    this.policy = {
      ...policy,
      baseDelayMs: policy.baseDelayMs / scale,
      maxDelayMs: policy.maxDelayMs / scale,
      maxWaitMs: policy.maxWaitMs / scale,
    };
    this.sleep = options.sleep ?? this.sleeper.sleep;
    this.random = options.random ?? Math.random;
  }

  sendCard(reference: ConversationRef, message: CardMessage): Promise<string> {
    return this.call(reference, 'sendCard', () => this.inner.sendCard(reference, message));
  }

  updateCard(reference: ConversationRef, activityId: string, message: CardMessage): Promise<void> {
    return this.call(reference, 'updateCard', () => this.inner.updateCard(reference, activityId, message));
  }

  /** Ends every wait early (shutdown); the waiting calls then go ahead without waiting for their slot. */
  stop(): void {
    for (const waiter of this.waiting.splice(0)) this.admit(waiter);
    this.sleeper.cancelAll();
  }

  private async call<T>(reference: ConversationRef, operation: Operation, send: () => Promise<T>): Promise<T> {
    const limits: SlotLimits = [
      { limiter: this.conversations, key: reference.conversation.id },
      { limiter: this.tenants, key: reference.conversation.tenantId ?? '' },
    ];
    for (let attempt = 1; ; attempt++) {
      await this.slot(operation, limits);
      try {
        return await this.underWay(limits, send);
      } catch (err) {
        const delay = this.retryDelay(err, attempt);
        if (delay === null) throw err;
        const { failure, status } = err as DeliveryError;
        this.options.logger.warn({ operation, failure, status, attempt, delayMs: delay }, 'Teams call failed; retrying');
        await this.sleep(delay);
      }
    }
  }

  /** Sends, counting the call as under way until its answer (or failure) is back. */
  private async underWay<T>(limits: SlotLimits, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } finally {
      this.finish(limits);
    }
  }

  /** The wait before retrying after `err` on attempt `attempt`, or null when the error is final. */
  private retryDelay(err: unknown, attempt: number): number | null {
    if (!(err instanceof DeliveryError)) return null;
    if (err.failure !== 'throttled') return null;
    if (attempt > this.policy.retries) return null;
    const delay = backoffDelay({ ...this.policy, maxAttempts: this.policy.retries + 1 }, attempt, this.random, err.retryAfterMs);
    return delay > this.policy.maxWaitMs ? null : delay;
  }

  /** Resolves when the call may be sent (and counts it as under way); rejects as `throttled` when that is too far off. */
  private slot(operation: Operation, limits: SlotLimits): Promise<void> {
    this.prune(this.options.clock.now().getTime());
    return new Promise((go, refuse) => {
      this.waiting.push({ operation, limits, go, refuse });
      this.serve();
    });
  }

  /** Lets through, in order, every waiting call whose slot is open now, and sets one wake-up for the next slot. */
  private serve(): void {
    const now = this.options.clock.now().getTime();
    let next = Infinity;
    const still: Waiter[] = [];
    for (const waiter of this.waiting) {
      // Infinity: calls under way fill a window; their answers serve again.
      const at = findSlot(waiter.limits, now);
      if (at > now && (at === Infinity || at - now <= this.policy.maxWaitMs)) {
        next = Math.min(next, at);
        still.push(waiter);
      } else if (at <= now) this.admit(waiter);
      else waiter.refuse(tooFar(waiter.operation, at - now));
    }
    this.waiting = still;
    if (next < this.wakeAt) this.wakeUpAt(next, now);
  }

  private admit(waiter: Waiter): void {
    for (const { limiter, key } of waiter.limits) limiter.start(key);
    waiter.go();
  }

  /** An answer (or a failure) came back: the call stops counting as under way, which may open a slot. */
  private finish(limits: SlotLimits): void {
    const now = this.options.clock.now().getTime();
    for (const { limiter, key } of limits) limiter.finish(key, now);
    if (this.waiting.length > 0) this.serve();
  }

  private wakeUpAt(at: number, now: number): void {
    this.wakeAt = at;
    this.options.logger.debug({ waitMs: at - now, waiting: this.waiting.length }, 'waiting for a Teams rate-limit slot');
    void this.sleep(at - now).then(() => {
      if (this.wakeAt === at) this.wakeAt = Infinity;
      this.serve();
    });
  }

  private prune(now: number): void {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.conversations.prune(now);
    this.tenants.prune(now);
  }
}

function tooFar(operation: Operation, wait: number): DeliveryError {
  return new DeliveryError('throttled', `rate limit: the next ${operation} slot is ${Math.ceil(wait / 1000)} s away`, null, wait);
}

function scaledWindows(windows: readonly RateWindow[], scale: number): RateWindow[] {
  return windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs / scale }));
}
