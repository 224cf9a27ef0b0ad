import { randomUUID } from 'node:crypto';
import { DeliveryError } from '../core/cardChannel';
import type { Clock } from '../core/clock';
import { realEvery, type Every } from '../core/every';
import type { Logger } from '../core/logger';
import { type RecipientIds as RecipientNames, recipientKeys } from '../core/userKey';
import type { Storage } from '../storage/storage';
import { OUTBOX_RETRY_POLICY, type RetryPolicy } from './backoff';
import { LaneSchedule, type ScheduledItem } from './laneSchedule';
import { notificationKey } from './notificationKey';
import { DEFAULT_LEASE, OutboxClaims, type LeaseTimes } from './outboxClaims';
import { DEFAULT_RETENTION, OutboxStore, type OutboxRecord, type OutboxRetention } from './outboxStore';
import { afterFailure, afterHandled, isUnfinished, laneOf, leasedByOther, logOutcome, newRecord, requeued } from './recordLifecycle';
import type { NotificationRecipient, TaskNotification } from './schema';
import { Sleeper, type Sleep } from './sleeper';

export interface NotificationHandler {
  /** Delivers one notification to its recipient: 'delivered', or 'pending' when the recipient has no installation yet. Throws DeliveryError (core/cardChannel.ts) for channel failures. */
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
  /** Names this instance in the leases it takes. Default: a random id per Outbox. */
  instanceId?: string;
  lease?: Partial<LeaseTimes>;
  /** How often stored unfinished items are looked at again (those of other instances, crashed ones included). */
  rescanEveryMs?: number;
  /** Periodic work (rescan, lease renewal, pruning); injectable so tests drive it. Default: unref'd setInterval. */
  every?: Every;
  /** Told every outcome this instance records (metrics). */
  onOutcome?: (record: OutboxRecord) => void;
}

export type AcceptStatus = 'queued' | 'duplicate' | 'pending';
export interface AcceptResult {
  id: string;
  status: AcceptStatus;
}

/** A storage failure while recording an outcome: try the item again after this long. */
const BOOKKEEPING_RETRY_MS = 5_000;
const RESCAN_EVERY_MS = 30_000;

/**
 * The durable delivery queue behind `POST /api/notifications` (docs/architecture.md, "Outbox"). An accepted notification is stored before
 * `accept` resolves and stays stored until delivered or given up, so a restart or a Teams outage loses nothing.
 * Items of one task + recipient go out strictly in acceptance order; other items run concurrently. Failures are
 * retried on a persisted backoff schedule; items for users without an installation are parked until they install.
 *
 * Several instances may share one storage (outboxClaims.ts): each delivers an item only after claiming it with a
 * lease, so every item is delivered once; every instance looks at the stored unfinished items again every
 * `rescanEveryMs`, so the items of an instance that died are delivered by another once their lease runs out; and a
 * lane keeps its order across instances. Parked items are released by whichever instance sees the installation.
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
  private readonly claims: OutboxClaims;
  private readonly owner: string;
  private readonly every: Every;
  private idleWaiters: Array<() => void> = [];
  private stopTimers: Array<() => void> = [];
  private running = false;
  private starting: Promise<void> | null = null;
  private scanning: Promise<void> | null = null;
  private lastOrder = 0;

  constructor(private readonly options: OutboxOptions) {
    this.store = new OutboxStore(options.storage);
    this.policy = { ...OUTBOX_RETRY_POLICY, ...options.retry };
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.sleep = options.sleep ?? this.sleeper.sleep;
    this.random = options.random ?? Math.random;
    this.owner = options.instanceId ?? randomUUID();
    this.every = options.every ?? realEvery;
    this.claims = new OutboxClaims(this.store, {
      owner: this.owner,
      lease: { ...DEFAULT_LEASE, ...options.lease },
      clock: options.clock,
      logger: options.logger,
    });
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
    // Items stored before lane entries existed (or by a crash mid-accept) get theirs, so rescans and lanes see them.
    await this.store.lanes.ensure(records.filter(isUnfinished));
    for (const record of records) {
      this.lastOrder = Math.max(this.lastOrder, record.order);
      this.track(record);
    }
    this.running = true;
    this.stopTimers = [
      this.every(this.retention.pruneIntervalMs, () => void this.pruneQuietly()),
      this.every(this.options.rescanEveryMs ?? RESCAN_EVERY_MS, () => void this.rescan()),
    ];
    // An installation may have arrived while no instance was running, or just before a crash.
    await this.releaseInstalled(records.filter((r) => r.status === 'pending'));
    this.options.logger.info(
      { instance: this.owner, queued: this.schedule.count('queued'), pending: this.schedule.count('pending') },
      'outbox started',
    );
    this.pump();
  }

  /** Stops taking new work, waits for deliveries in flight and clears every timer. Stored items stay for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    for (const stopTimer of this.stopTimers.splice(0)) stopTimer();
    this.sleeper.cancelAll();
    this.wakeTimes.clear();
    await Promise.allSettled([...this.inFlight.values(), this.scanning]);
    this.settleIdle();
  }

  /**
   * Looks at every stored unfinished item again (also every `rescanEveryMs`): schedules what this instance may deliver
   * (items accepted elsewhere, or left by an instance whose lease ran out) and forgets what was finished elsewhere.
   */
  rescan(): Promise<void> {
    if (!this.running) return Promise.resolve();
    this.scanning ??= this.scan()
      .catch((err: unknown) => this.options.logger.warn({ err }, 'outbox rescan failed; will try again'))
      .finally(() => (this.scanning = null));
    return this.scanning;
  }

  /** The recipient installed the bot: queues their parked items (matched by any of their keys) in acceptance order. */
  async releasePending(recipient: RecipientNames): Promise<number> {
    const parked = new Map<string, OutboxRecord>();
    for (const key of recipientKeys(recipient)) {
      const found = await this.store.pendingIds(key);
      const records = (await this.store.readRecords(found)).filter((r) => r.status === 'pending');
      for (const record of records) parked.set(record.id, record);
      await this.store.deletePendingEntries(
        key,
        found.filter((id) => !records.some((r) => r.id === id)),
      );
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
    // After the lane's last item even when another instance accepted it and that instance's clock runs ahead.
    const order = this.nextOrder(now, await this.store.lanes.lastOrder(laneOf(notification)));
    const record = newRecord(notification, { id: randomUUID(), key, order, installed, now });
    // The record is written before the key is claimed: a crash in between leaves an unanswered record (delivered,
    // harmlessly, perhaps twice once the sender retries), never a claimed key without its notification.
    await this.store.addRecord(record);
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

  /** Queues a parked record, unless another instance released or changed it first (then schedules what it stored). */
  private async requeue(record: OutboxRecord): Promise<void> {
    const [found] = await this.store.readVersioned([record.id]);
    if (found?.record.status !== 'pending') {
      if (found) this.track(found.record);
      else this.schedule.delete(record.id);
      return;
    }
    const queued = requeued(found.record, this.options.clock.now());
    if (await this.store.replaceRecord(queued, found.eTag, true)) this.track(queued);
    else await this.retrack(record.id);
  }

  private async retrack(id: string): Promise<void> {
    const latest = await this.store.readRecord(id);
    if (latest) this.track(latest);
    else this.schedule.delete(id);
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
    const work = this.attempt(item.id)
      .catch((err: unknown) => {
        this.options.logger.error(
          { err, id: item.id },
          'outbox storage failed while claiming an item or recording its outcome; trying the item again later',
        );
        this.schedule.put({ ...item, dueAt: this.options.clock.now().getTime() + BOOKKEEPING_RETRY_MS });
      })
      .finally(() => {
        this.inFlight.delete(item.id);
        this.schedule.setBusy(item.lane, false);
        this.pump();
      });
    this.inFlight.set(item.id, work);
  }

  /** One delivery attempt: claim the item, deliver it, record the outcome, carry on with its lane. */
  private async attempt(id: string): Promise<void> {
    const claim = await this.claims.claim(id);
    if (claim.kind === 'drop') {
      this.schedule.delete(id);
      return;
    }
    if (claim.kind === 'track') {
      for (const record of claim.records) if (record.id === id || !this.inFlight.has(record.id)) this.track(record);
      return;
    }
    const next = await this.deliver(claim.record);
    if (!(await this.claims.finish(next))) {
      this.options.logger.warn(
        { id: next.answerId },
        'outbox lease ran out during the delivery and another instance took the notification over; this outcome is not recorded',
      );
      this.schedule.delete(id);
      return;
    }
    logOutcome(this.options.logger, next);
    this.options.onOutcome?.(next);
    this.track(next);
    for (const record of await this.claims.laneRest(next)) if (!this.inFlight.has(record.id)) this.track(record);
  }

  /** Runs the handler under a renewed lease; resolves to the record's next state. */
  private async deliver(record: OutboxRecord): Promise<OutboxRecord> {
    const lease = this.claims.keepLeased(record.id, this.every);
    try {
      return afterHandled(record, await this.options.handler.handle(record.notification), this.options.clock.now());
    } catch (err) {
      if (!(err instanceof DeliveryError))
        this.options.logger.error({ err, id: record.answerId }, 'notification handler failed unexpectedly');
      return afterFailure(record, err, this.policy, this.random, this.options.clock.now());
    } finally {
      await lease.stop();
    }
  }

  /** Schedules the record as stored; finished ones and those another instance is delivering are not this one's. */
  private track(record: OutboxRecord): void {
    if ((record.status !== 'queued' && record.status !== 'pending') || leasedByOther(record, this.owner, this.options.clock.now())) {
      this.schedule.delete(record.id);
      return;
    }
    const dueAt = record.nextAttemptAt ? Date.parse(record.nextAttemptAt) : 0;
    this.schedule.put({ id: record.id, lane: record.lane, order: record.order, status: record.status, dueAt });
  }

  private async scan(): Promise<void> {
    const known = this.schedule.ids();
    const records = await this.claims.unfinished();
    const stored = new Set(records.map((r) => r.id));
    // Items scheduled before the scan began whose index entry is gone were finished or removed elsewhere.
    for (const id of known) if (!stored.has(id) && !this.inFlight.has(id)) this.schedule.delete(id);
    for (const record of records) if (!this.inFlight.has(record.id)) this.track(record);
    this.pump();
  }

  private async pruneQuietly(): Promise<void> {
    try {
      await this.store.prune(this.options.clock.now(), this.retention);
    } catch (err) {
      this.options.logger.warn({ err }, 'outbox pruning failed; will try again');
    }
  }

  /** Strictly increasing, after every stored item even when the clock stands still or went back, and after `after`. */
  private nextOrder(now: Date, after: number): number {
    this.lastOrder = Math.max(now.getTime() * 1000, this.lastOrder + 1, after + 1);
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
