import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import { realEvery, type Every } from '../core/every';
import type { Logger } from '../core/logger';
import type { RecipientIds as RecipientNames } from '../core/userKey';
import type { Storage } from '../storage/storage';
import { OUTBOX_RETRY_POLICY, type RetryPolicy } from './backoff';
import { LaneSchedule, type ScheduledItem } from './laneSchedule';
import { notificationKey } from './notificationKey';
import { acceptOne, type AcceptResult } from './outboxAccept';
import { DeliveryAttempts } from './outboxAttempt';
import { DEFAULT_LEASE, SharedClaims, SoleClaims, unfinishedItems, type DeliveryClaims, type LeaseTimes } from './outboxClaims';
import { ParkedItems } from './outboxParked';
import { DEFAULT_RETENTION, OutboxStore, type OutboxRecord, type OutboxRetention } from './outboxStore';
import { isRetrying, isUnfinished, leasedByOther } from './recordLifecycle';
import type { NotificationRecipient, TaskNotification } from './schema';
import { Sleeper, type Sleep } from './sleeper';

export type { AcceptResult, AcceptStatus } from './outboxAccept';

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
  /**
   * This outbox is the only one on its storage (the embedded store admits one process): its schedule in memory is
   * complete, so accepting lists no lane, deliveries take no leases, and no periodic rescans run (outboxClaims.ts,
   * `SoleClaims`). Default false: instances share the storage (Azure) and coordinate through it.
   */
  sole?: boolean;
  /** Waits for the next retry; injectable so tests never wait real time. Default: timers cleared by `stop`. */
  sleep?: Sleep;
  /** The jitter source, [0, 1). */
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Deliveries in flight at once (each in its own lane). */
  concurrency?: number;
  retention?: Partial<OutboxRetention>;
  /** Names this instance in the leases it takes (shared storage). Default: a random id per Outbox. */
  instanceId?: string;
  lease?: Partial<LeaseTimes>;
  /** How often stored unfinished items are looked at again (shared storage: other instances', crashed ones included). */
  rescanEveryMs?: number;
  /** Periodic work (rescan, lease renewal, pruning); injectable so tests drive it. Default: unref'd setInterval. */
  every?: Every;
  /** Told every outcome this instance records (metrics). */
  onOutcome?: (record: OutboxRecord) => void;
}

/** A storage failure while recording an outcome: try the item again after this long. */
const BOOKKEEPING_RETRY_MS = 5_000;
/** With shared storage: a dead instance's items are taken over within the lease plus this (outboxClaims.ts). */
export const DEFAULT_RESCAN_EVERY_MS = 10_000;
/**
 * Deliveries in flight at once. Each waits mostly on the network (the Bot Connector, and Teams' rate limits, which
 * throttledChannel.ts enforces), so enough of them run that the tenant's 50 messages a second are used.
 */
export const DEFAULT_CONCURRENCY = 16;

/**
 * The durable delivery queue behind `POST /api/notifications` (docs/architecture.md, "Outbox"). An accepted notification is stored before
 * `accept` resolves and stays stored until delivered or given up, so a restart or a Teams outage loses nothing.
 * Items of one task + recipient go out one at a time in acceptance order; other items run concurrently. Failures are
 * retried on a persisted backoff schedule without holding their lane; items for users without an installation are
 * parked until they install.
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
  private readonly schedule: LaneSchedule;
  private readonly parked: ParkedItems;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly wakeTimes = new Set<number>();
  private readonly claims: DeliveryClaims;
  private readonly shared: SharedClaims | null;
  private readonly owner: string;
  private readonly every: Every;
  private readonly attempts: DeliveryAttempts;
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
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.sleep = options.sleep ?? this.sleeper.sleep;
    this.random = options.random ?? Math.random;
    this.owner = options.instanceId ?? randomUUID();
    this.every = options.every ?? realEvery;
    this.schedule = new LaneSchedule(() => options.clock.now().getTime());
    this.parked = new ParkedItems({
      store: this.store,
      clock: options.clock,
      isInstalled: (recipient) => options.isInstalled(recipient),
      track: (record) => this.track(record),
      forget: (id) => this.schedule.delete(id),
      retrack: (id) => this.retrack(id),
    });
    this.shared = options.sole
      ? null
      : new SharedClaims(this.store, {
          owner: this.owner,
          lease: { ...DEFAULT_LEASE, ...options.lease },
          clock: options.clock,
          logger: options.logger,
        });
    this.claims =
      this.shared ??
      new SoleClaims(this.store, {
        clock: options.clock,
        retryingAhead: ({ id }) => {
          const item = this.schedule.get(id);
          return item ? this.schedule.retryingBefore(item.lane, item.order).map((ahead) => ahead.id) : [];
        },
      });
    this.attempts = new DeliveryAttempts({
      store: this.store,
      claims: this.claims,
      handle: (notification) => options.handler.handle(notification),
      policy: this.policy,
      random: this.random,
      clock: options.clock,
      logger: options.logger,
      every: this.every,
      owner: this.owner,
      onOutcome: options.onOutcome,
      track: (record) => this.track(record),
      retrack: (id) => this.retrack(id),
      forget: (id) => this.schedule.delete(id),
      isInFlight: (id) => this.inFlight.has(id),
    });
  }

  /** Stores each notification (skipping duplicates, also within the batch) and answers per item, in order. */
  async accept(notifications: TaskNotification[]): Promise<AcceptResult[]> {
    const results: AcceptResult[] = [];
    const seen = new Map<string, string>();
    for (const notification of notifications) {
      const key = notificationKey(notification);
      const earlier = seen.get(key);
      const result: AcceptResult = earlier !== undefined ? { id: earlier, status: 'duplicate' } : await this.acceptNew(notification, key);
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
   * Looks at the stored unfinished items again (what runs every `rescanEveryMs` with shared storage): schedules those
   * this instance does not know and may deliver (accepted elsewhere, or left by an instance whose lease ran out) and
   * forgets what was finished or dropped elsewhere. A rescan asked for while one runs is that one.
   */
  rescan(): Promise<void> {
    if (!this.running) return Promise.resolve();
    this.scanning ??= this.scan()
      .catch((err: unknown) => this.options.logger.warn({ err }, 'outbox rescan failed; will try again'))
      .finally(() => (this.scanning = null));
    return this.scanning;
  }

  /**
   * An item changed in storage from outside (an administrator requeued or dropped it): it alone is read again and
   * scheduled as stored, or forgotten. After a rescan that runs, which may have read it before the change. An item in
   * delivery here is left to its delivery: its outcome write finds the record changed and reads it again.
   */
  refresh(id: string): Promise<void> {
    return (this.scanning ?? Promise.resolve())
      .then(async () => {
        if (!this.running || this.inFlight.has(id)) return;
        await this.retrack(id);
        this.pump();
      })
      .catch((err: unknown) => this.options.logger.warn({ err, id }, 'outbox could not read a changed item again'));
  }

  /** The recipient installed the bot: queues their parked items (matched by any of their keys) in acceptance order. */
  async releasePending(recipient: RecipientNames): Promise<number> {
    const records = await this.parked.of(recipient);
    for (const record of records) await this.parked.requeue(record);
    if (records.length > 0) this.options.logger.info({ released: records.length }, 'parked notifications released');
    this.pump();
    return records.length;
  }

  /** Resolves when nothing is queued or in flight (parked items, and items waiting behind them, do not count). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async load(): Promise<void> {
    this.schedule.clear();
    const now = this.options.clock.now();
    const indexed = new Set((await this.store.lanes.all()).map((entry) => entry.id));
    const failedEntries = await this.store.failedEntries();
    const failed = new Set(failedEntries.map((entry) => entry.id));
    const failedRecords = new Set<string>();
    const parked: OutboxRecord[] = [];
    // A chunk at a time, so the delivered records kept for a day are never all in memory at once.
    await this.store.eachChunk(async (records) => {
      for (const record of records) {
        this.lastOrder = Math.max(this.lastOrder, record.order);
        this.track(record);
        if (record.status === 'pending') parked.push(record);
        // A record whose lane entry a crash mid-accept left unwritten (Azure) gets it, so rescans and lanes see it;
        // a failed record its failed entry likewise (also one stored before that index existed), so counts see it.
        if (isUnfinished(record) && !indexed.has(record.id)) await this.store.lanes.add(record);
        if (record.status === 'failed') failedRecords.add(record.id);
      }
      await this.store.indexFailed(records.filter((record) => record.status === 'failed' && !failed.has(record.id)));
      await this.store.pruneRecords(records, now, this.retention);
    });
    // And the failed entries a requeue or a prune stopped part-way left behind (their record is no longer failed, or
    // gone), so the counts do not take a delivered record for a failed one.
    await this.store.removeFailedEntries(failedEntries.filter((entry) => !failedRecords.has(entry.id)));
    await this.store.pruneKeys(new Date(now.getTime() - this.retention.keyMs));
    this.running = true;
    this.stopTimers = [this.every(this.retention.pruneIntervalMs, () => void this.pruneQuietly())];
    if (this.shared) this.stopTimers.push(this.every(this.options.rescanEveryMs ?? DEFAULT_RESCAN_EVERY_MS, () => void this.rescan()));
    // An installation may have arrived while no instance was running, or just before a crash.
    await this.parked.releaseInstalled(parked);
    this.options.logger.info(
      { instance: this.shared ? this.owner : 'sole', queued: this.schedule.count('queued'), pending: this.schedule.count('pending') },
      'outbox started',
    );
    this.pump();
  }

  private async acceptNew(notification: TaskNotification, key: string): Promise<AcceptResult> {
    const { result, record } = await acceptOne(
      {
        store: this.store,
        isInstalled: (recipient) => this.options.isInstalled(recipient),
        clock: this.options.clock,
        keyMs: this.retention.keyMs,
        shared: this.shared !== null,
        nextOrder: (now, after) => this.nextOrder(now, after),
      },
      notification,
      key,
    );
    if (!record) return result;
    this.track(record);
    if (record.status === 'queued') return result;
    // The user may have installed between the check and the write, and found nothing to release.
    if (!(await this.options.isInstalled(notification.recipient))) return result;
    await this.parked.requeue(record);
    return { id: record.answerId, status: 'queued' };
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
    for (const t of this.wakeTimes) if (t <= at) return;
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
    const work = this.attempts
      .run(item.id)
      .catch((err: unknown) => {
        this.options.logger.error(
          { err, id: item.id },
          'outbox storage failed while claiming an item or recording its outcome; trying the item again later',
        );
        if (this.schedule.get(item.id)) this.schedule.put({ ...item, dueAt: this.options.clock.now().getTime() + BOOKKEEPING_RETRY_MS });
      })
      .finally(() => {
        this.inFlight.delete(item.id);
        this.schedule.setBusy(item.lane, false);
        this.pump();
      });
    this.inFlight.set(item.id, work);
  }

  /** Schedules the record as stored; finished ones and those another instance is delivering are not this one's. */
  private track(record: OutboxRecord): void {
    if (!isUnfinished(record) || (this.shared && leasedByOther(record, this.owner, this.options.clock.now()))) {
      this.schedule.delete(record.id);
      return;
    }
    const dueAt = record.nextAttemptAt ? Date.parse(record.nextAttemptAt) : 0;
    this.schedule.put({
      id: record.id,
      lane: record.lane,
      order: record.order,
      status: record.status as ScheduledItem['status'],
      dueAt,
      retrying: isRetrying(record),
    });
  }

  private async scan(): Promise<void> {
    const known = new Set(this.schedule.ids());
    const { ids, records } = await unfinishedItems(this.store, (id) => known.has(id) || this.inFlight.has(id));
    // Items scheduled before the scan began whose index entry is gone were finished or removed elsewhere.
    for (const id of known) if (!ids.has(id) && !this.inFlight.has(id)) this.schedule.delete(id);
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
