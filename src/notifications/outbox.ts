import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { Storage } from '../storage/storage';
import { DeliveryError, type Clock } from '../tasks/ports';
import { OUTBOX_RETRY_POLICY, type RetryPolicy } from './backoff';
import { LaneSchedule, type ScheduledItem } from './laneSchedule';
import { notificationKey, type RecipientNames, recipientKeys } from './notificationKey';
import { DEFAULT_RETENTION, OutboxStore, type OutboxRecord, type OutboxRetention } from './outboxStore';
import { afterFailure, afterHandled, logOutcome, newRecord, requeued } from './recordLifecycle';
import type { NotificationRecipient, TaskNotification } from './schema';
import { Sleeper, type Sleep } from './sleeper';

export interface NotificationHandler {
  /** Delivers one notification to its recipient: 'delivered', or 'pending' when the recipient has no installation yet. Throws DeliveryError (src/tasks/ports.ts) for channel failures. */
  handle(notification: TaskNotification): Promise<'delivered' | 'pending'>;
}

export interface OutboxOptions {
  storage: Storage;
  handler: NotificationHandler;
  isInstalled(recipient: NotificationRecipient): Promise<boolean>;
  clock: Clock;
  logger: Logger;
  /** Waits for the next retry; injectable so tests never wait real time. Default: timers cleared by `stop`. */
  sleep?: Sleep;
  /** The jitter source, [0, 1). */
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Deliveries in flight at once (each in its own lane). */
  concurrency?: number;
  retention?: Partial<OutboxRetention>;
}

export type AcceptStatus = 'queued' | 'duplicate' | 'pending';
export interface AcceptResult {
  id: string;
  status: AcceptStatus;
}

/** A storage failure while recording an outcome: try the item again after this long. */
const BOOKKEEPING_RETRY_MS = 5_000;

/**
 * The durable delivery queue behind `POST /api/notifications` (DESIGN §7). An accepted notification is stored before
 * `accept` resolves and stays stored until delivered or given up, so a restart or a Teams outage loses nothing.
 * Items of one task + recipient go out strictly in acceptance order; other items run concurrently. Failures are
 * retried on a persisted backoff schedule; items for users without an installation are parked until they install.
 *
 * One instance works the items it accepted or loaded at start; several bot instances over shared storage do not
 * yet hand items over to each other (only parked items, released by whichever instance sees the installation).
 */
export class Outbox {
  private readonly store: OutboxStore;
  private readonly policy: RetryPolicy;
  private readonly retention: OutboxRetention;
  private readonly concurrency: number;
  private readonly sleeper = new Sleeper();
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly schedule = new LaneSchedule();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly wakeTimes = new Set<number>();
  private idleWaiters: Array<() => void> = [];
  private pruneTimer: NodeJS.Timeout | null = null;
  private running = false;
  private starting: Promise<void> | null = null;
  private lastOrder = 0;

  constructor(private readonly options: OutboxOptions) {
    this.store = new OutboxStore(options.storage);
    this.policy = { ...OUTBOX_RETRY_POLICY, ...options.retry };
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.sleep = options.sleep ?? this.sleeper.sleep;
    this.random = options.random ?? Math.random;
  }

  /** Stores each notification (skipping duplicates, also within the batch) and answers per item, in order. */
  async accept(notifications: TaskNotification[]): Promise<AcceptResult[]> {
    const results: AcceptResult[] = [];
    const seen = new Map<string, string>();
    for (const notification of notifications) {
      const key = notificationKey(notification);
      const earlier = seen.get(key);
      const result: AcceptResult = earlier !== undefined ? { id: earlier, status: 'duplicate' } : await this.acceptOne(notification, key);
      seen.set(key, result.id);
      results.push(result);
      this.pump();
    }
    return results;
  }

  /** Loads every unfinished item (after a restart) and starts delivering. */
  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.starting ??= this.load().finally(() => (this.starting = null));
    return this.starting;
  }

  private async load(): Promise<void> {
    this.schedule.clear();
    const records = await this.store.allRecords();
    await this.store.prune(this.options.clock.now(), this.retention, records);
    for (const record of records) {
      this.lastOrder = Math.max(this.lastOrder, record.order);
      this.track(record);
    }
    this.running = true;
    this.pruneTimer = setInterval(() => void this.pruneQuietly(), this.retention.pruneIntervalMs);
    this.pruneTimer.unref();
    // An installation may have arrived while no instance was running, or just before a crash.
    await this.releaseInstalled(records.filter((r) => r.status === 'pending'));
    this.options.logger.info({ queued: this.schedule.count('queued'), pending: this.schedule.count('pending') }, 'outbox started');
    this.pump();
  }

  /** Stops taking new work, waits for deliveries in flight and clears every timer. Stored items stay for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    this.sleeper.cancelAll();
    this.wakeTimes.clear();
    await Promise.allSettled([...this.inFlight.values()]);
    this.settleIdle();
  }

  /** The recipient installed the bot: queues their parked items (matched by any of their keys) in acceptance order. */
  async releasePending(recipient: RecipientNames): Promise<number> {
    const parked = new Map<string, OutboxRecord>();
    for (const key of recipientKeys(recipient)) {
      const found = await this.store.pendingIds(key);
      const records = (await this.store.readRecords(found)).filter((r) => r.status === 'pending');
      for (const record of records) parked.set(record.id, record);
      await this.store.deletePendingEntries(key, found.filter((id) => !records.some((r) => r.id === id)));
    }
    const records = [...parked.values()].sort((a, b) => a.order - b.order);
    for (const record of records) await this.requeue(record);
    if (records.length > 0) this.options.logger.info({ released: records.length }, 'parked notifications released');
    this.pump();
    return records.length;
  }

  /** Resolves when nothing is queued or in flight (parked items, and items waiting behind them, do not count). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async acceptOne(notification: TaskNotification, key: string): Promise<AcceptResult> {
    const now = this.options.clock.now();
    const notBefore = new Date(now.getTime() - this.retention.keyMs);
    const known = await this.store.findKey(key, notBefore);
    if (known) return { id: known.id, status: 'duplicate' };

    const installed = await this.options.isInstalled(notification.recipient);
    const record = newRecord(notification, { id: randomUUID(), key, order: this.nextOrder(now), installed, now });
    // The record is written before the key is claimed: a crash in between leaves an unanswered record (delivered,
    // harmlessly, perhaps twice once the sender retries), never a claimed key without its notification.
    await this.store.saveRecord(record);
    const holder = await this.store.claimKey(key, { id: record.answerId, recordId: record.id, acceptedAt: record.acceptedAt }, notBefore);
    if (holder) {
      await this.store.deleteRecords([record]);
      return { id: holder.id, status: 'duplicate' };
    }
    this.track(record);
    if (installed) return { id: record.answerId, status: 'queued' };
    // The user may have installed between the check and the write, and found nothing to release.
    if (!(await this.options.isInstalled(notification.recipient))) return { id: record.answerId, status: 'pending' };
    await this.requeue(record);
    return { id: record.answerId, status: 'queued' };
  }

  /** Requeues parked records whose recipient has an installation now; one lookup per recipient. */
  private async releaseInstalled(parked: OutboxRecord[]): Promise<void> {
    const byRecipient = new Map<string, OutboxRecord[]>();
    for (const record of parked) {
      const key = record.recipientKeys.join(' ');
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), record]);
    }
    for (const records of byRecipient.values()) {
      if (!(await this.options.isInstalled((records[0] as OutboxRecord).notification.recipient))) continue;
      for (const record of records) await this.requeue(record);
    }
  }

  private async requeue(record: OutboxRecord): Promise<void> {
    const queued = requeued(record, this.options.clock.now());
    await this.store.saveRecord(queued, true);
    this.track(queued);
  }

  private pump(): void {
    if (this.running) {
      const now = this.options.clock.now().getTime();
      const { ready, nextDueAt } = this.schedule.runnable(now, this.concurrency - this.inFlight.size);
      for (const item of ready) this.launch(item);
      if (nextDueAt !== null) this.wakeAt(nextDueAt, now);
    }
    this.settleIdle();
  }

  /** One sleeper per wake-up time at most, so an injected fake sleep (which advances a fake clock) runs once. */
  private wakeAt(at: number, now: number): void {
    if ([...this.wakeTimes].some((t) => t <= at)) return;
    this.wakeTimes.add(at);
    this.sleep(at - now)
      .then(() => {
        this.wakeTimes.delete(at);
        this.pump();
      })
      .catch((err: unknown) => this.options.logger.error({ err }, 'outbox timer failed'));
  }

  private launch(item: ScheduledItem): void {
    this.schedule.setBusy(item.lane, true);
    const work = this.deliver(item.id)
      .catch((err: unknown) => {
        this.options.logger.error({ err, id: item.id }, 'outbox could not record a delivery outcome; trying the item again later');
        this.schedule.put({ ...item, dueAt: this.options.clock.now().getTime() + BOOKKEEPING_RETRY_MS });
      })
      .finally(() => {
        this.inFlight.delete(item.id);
        this.schedule.setBusy(item.lane, false);
        this.pump();
      });
    this.inFlight.set(item.id, work);
  }

  private async deliver(id: string): Promise<void> {
    const record = await this.store.readRecord(id);
    if (!record || record.status !== 'queued') {
      // Finished, parked or pruned elsewhere meanwhile.
      if (record) this.track(record);
      else this.schedule.delete(id);
      return;
    }
    let next: OutboxRecord;
    try {
      next = afterHandled(record, await this.options.handler.handle(record.notification), this.options.clock.now());
    } catch (err) {
      if (!(err instanceof DeliveryError)) this.options.logger.error({ err, id: record.answerId }, 'notification handler failed unexpectedly');
      next = afterFailure(record, err, this.policy, this.random, this.options.clock.now());
    }
    await this.store.saveRecord(next);
    logOutcome(this.options.logger, next);
    this.track(next);
  }

  private track(record: OutboxRecord): void {
    if (record.status !== 'queued' && record.status !== 'pending') {
      this.schedule.delete(record.id);
      return;
    }
    const dueAt = record.nextAttemptAt ? Date.parse(record.nextAttemptAt) : 0;
    this.schedule.put({ id: record.id, lane: record.lane, order: record.order, status: record.status, dueAt });
  }

  private async pruneQuietly(): Promise<void> {
    try {
      await this.store.prune(this.options.clock.now(), this.retention);
    } catch (err) {
      this.options.logger.warn({ err }, 'outbox pruning failed; will try again');
    }
  }

  /** Strictly increasing, and after every stored item even when the clock stands still or went back. */
  private nextOrder(now: Date): number {
    this.lastOrder = Math.max(now.getTime() * 1000, this.lastOrder + 1);
    return this.lastOrder;
  }

  private isIdle(): boolean {
    return this.inFlight.size === 0 && (!this.running || !this.schedule.hasWork());
  }

  private settleIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
