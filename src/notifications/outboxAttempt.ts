import { DeliveryError } from '../core/cardChannel';
import type { Clock } from '../core/clock';
import type { Every } from '../core/every';
import type { Logger } from '../core/logger';
import type { RetryPolicy } from './backoff';
import type { Claimed, DeliveryClaims } from './outboxClaims';
import type { OutboxRecord, OutboxStore, VersionedRecord } from './outboxStore';
import { afterFailure, afterHandled, isRetrying, leasedByOther, logOutcome, superseded } from './recordLifecycle';
import type { TaskNotification } from './schema';

export interface AttemptDeps {
  store: OutboxStore;
  claims: DeliveryClaims;
  handle(notification: TaskNotification): Promise<'delivered' | 'pending'>;
  policy: RetryPolicy;
  random: () => number;
  clock: Clock;
  logger: Logger;
  every: Every;
  /** This instance, as its leases name it. */
  owner: string;
  onOutcome?: (record: OutboxRecord) => void;
  /** The outbox's schedule, which an attempt keeps up to date with what it stored and found. */
  track(record: OutboxRecord): void;
  retrack(id: string): Promise<void>;
  forget(id: string): void;
  isInFlight(id: string): boolean;
}

/** One delivery attempt of an outbox item (outbox.ts runs them): claim it, deliver it, record the outcome, carry on with its lane. */
export class DeliveryAttempts {
  constructor(private readonly deps: AttemptDeps) {}

  async run(id: string): Promise<void> {
    const { claims, logger } = this.deps;
    const claim = await claims.claim(id);
    if (claim.kind === 'drop') {
      this.deps.forget(id);
      return;
    }
    if (claim.kind === 'track') {
      for (const record of claim.records) if (record.id === id || !this.deps.isInFlight(record.id)) this.deps.track(record);
      return;
    }
    const next = await this.deliver(claim.record);
    if (!(await claims.finish(next, claim))) {
      logger.warn(
        { id: next.answerId },
        'the notification changed in storage during its delivery (its lease ran out and another instance took it over); this outcome is not recorded',
      );
      await this.deps.retrack(id);
      return;
    }
    this.recorded(next);
    this.deps.track(next);
    if (next.status === 'delivered') await this.supersede(claim, next);
    for (const record of await claims.laneRest(next)) if (!this.deps.isInFlight(record.id)) this.deps.track(record);
  }

  /** Runs the handler under a renewed lease; resolves to the record's next state. */
  private async deliver(record: OutboxRecord): Promise<OutboxRecord> {
    const { claims, clock, logger } = this.deps;
    const lease = claims.keepLeased(record.id, this.deps.every);
    try {
      return afterHandled(record, await this.deps.handle(record.notification), clock.now());
    } catch (err) {
      if (!(err instanceof DeliveryError)) logger.error({ err, id: record.answerId }, 'notification handler failed unexpectedly');
      return afterFailure(record, err, this.deps.policy, this.deps.random, clock.now());
    } finally {
      await lease.stop();
    }
  }

  /** Items of the lane that waited for a retry are not tried after a later one was delivered (recordLifecycle.ts). */
  private async supersede(claim: Claimed, delivered: OutboxRecord): Promise<void> {
    const now = this.deps.clock.now();
    const waiting = claim.ahead.filter(
      (found: VersionedRecord) => isRetrying(found.record) && !leasedByOther(found.record, this.deps.owner, now),
    );
    await Promise.all(
      waiting.map(async ({ record, eTag }) => {
        const failed = superseded(record, delivered.answerId, now);
        if (await this.deps.store.finishRecord(failed, eTag)) {
          this.recorded(failed);
          this.deps.forget(record.id);
        } else await this.deps.retrack(record.id);
      }),
    );
  }

  private recorded(record: OutboxRecord): void {
    logOutcome(this.deps.logger, record);
    this.deps.onOutcome?.(record);
  }
}
