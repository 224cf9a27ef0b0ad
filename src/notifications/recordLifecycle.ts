import { DeliveryError } from '../core/cardChannel';
import type { Logger } from '../core/logger';
import { recipientKeys } from '../core/userKey';
import { backoffDelay, type RetryPolicy } from './backoff';
import type { OutboxError, OutboxLease, OutboxRecord } from './outboxStore';
import type { TaskNotification } from './schema';

/** The state changes of an outbox record, as pure functions of the record, the outcome and the time. */

export function newRecord(
  notification: TaskNotification,
  fields: { id: string; key: string; order: number; installed: boolean; now: Date },
): OutboxRecord {
  const at = fields.now.toISOString();
  return {
    id: fields.id,
    answerId: notification.id ?? fields.id,
    key: fields.key,
    order: fields.order,
    lane: laneOf(notification),
    recipientKeys: recipientKeys(notification.recipient),
    notification,
    status: fields.installed ? 'queued' : 'pending',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    acceptedAt: at,
    updatedAt: at,
  };
}

/** The handler answered: delivered, or parked because the recipient has no installation (any more). The lease ends. */
export function afterHandled(record: OutboxRecord, outcome: 'delivered' | 'pending', now: Date): OutboxRecord {
  return {
    ...withoutLease(record),
    status: outcome,
    attempts: record.attempts + 1,
    nextAttemptAt: null,
    lastError: null,
    updatedAt: now.toISOString(),
  };
}

/**
 * The handler threw: retried on the policy's backoff (never sooner than a Retry-After) while the failure is
 * retryable and attempts remain; otherwise failed for good. The lease ends: whichever instance is free when the retry
 * falls due takes it.
 */
export function afterFailure(record: OutboxRecord, err: unknown, policy: RetryPolicy, random: () => number, now: Date): OutboxRecord {
  const attempts = record.attempts + 1;
  const lastError: OutboxError = {
    failure: err instanceof DeliveryError ? err.failure : 'unexpected',
    status: err instanceof DeliveryError ? err.status : null,
    // Messages of DeliveryError carry status and service text only, never tokens; capped so a record stays small.
    message: (err instanceof Error ? err.message : String(err)).slice(0, 500),
    at: now.toISOString(),
  };
  const base = { ...withoutLease(record), attempts, lastError, updatedAt: now.toISOString() };
  if (!isRetryable(lastError.failure) || attempts >= policy.maxAttempts) return { ...base, status: 'failed', nextAttemptAt: null };
  const delay = backoffDelay(policy, attempts, random, err instanceof DeliveryError ? err.retryAfterMs : null);
  return { ...base, status: 'queued', nextAttemptAt: new Date(now.getTime() + delay).toISOString() };
}

/**
 * A later item of the record's lane (`by`, its answer id) was delivered while this one waited for a retry: trying it
 * again would show older facts over newer ones, so it is failed for good, its last error kept.
 */
export function superseded(record: OutboxRecord, by: string, now: Date): OutboxRecord {
  return { ...withoutLease(record), status: 'failed', nextAttemptAt: null, supersededBy: by, updatedAt: now.toISOString() };
}

/** Released after an installation: a fresh start, since earlier attempts went to no conversation. */
export function requeued(record: OutboxRecord, now: Date): OutboxRecord {
  return { ...withoutLease(record), status: 'queued', attempts: 0, nextAttemptAt: null, updatedAt: now.toISOString() };
}

/** Claimed (or renewed) by the instance `owner` for delivery until `until`. */
export function withLease(record: OutboxRecord, owner: string, until: Date): OutboxRecord {
  const lease: OutboxLease = { owner, until: until.toISOString() };
  return { ...record, lease };
}

export function withoutLease(record: OutboxRecord): OutboxRecord {
  const { lease: _lease, ...rest } = record;
  return rest;
}

/** Another instance is delivering the record right now: its lease has not run out. */
export function leasedByOther(record: OutboxRecord, owner: string, now: Date): boolean {
  return record.lease !== undefined && record.lease.owner !== owner && Date.parse(record.lease.until) > now.getTime();
}

/** Still to deliver: queued, or parked until the recipient installs. */
export function isUnfinished(record: OutboxRecord): boolean {
  return record.status === 'queued' || record.status === 'pending';
}

/** Failed before and waiting for its retry: it does not hold its lane (the items behind it may go first). */
export function isRetrying(record: { status: OutboxRecord['status']; lastError: OutboxError | null }): boolean {
  return record.status === 'queued' && record.lastError !== null;
}

/** Queued, and its retry (if any) is due. */
export function isDue(record: OutboxRecord, now: Date): boolean {
  return record.status === 'queued' && (record.nextAttemptAt === null || Date.parse(record.nextAttemptAt) <= now.getTime());
}

/** This instance may deliver the record now: queued, due, and nobody else's live lease on it. */
export function isClaimable(record: OutboxRecord, owner: string, now: Date): boolean {
  return isDue(record, now) && !leasedByOther(record, owner, now);
}

/** Unexpected exceptions count as transient: a bug or outage elsewhere may pass. */
export function isRetryable(failure: OutboxError['failure']): boolean {
  return failure === 'throttled' || failure === 'transient' || failure === 'unexpected';
}

/**
 * One line per outcome. A notification that will not be delivered is logged once, at error, with what an operator
 * needs to look into it: its id, task, recipient and the last error (DeliveryError messages carry a status and the
 * service's text, never a token).
 */
export function logOutcome(logger: Logger, record: OutboxRecord): void {
  const facts = { id: record.answerId, event: record.notification.event, taskId: record.notification.task.ID, attempts: record.attempts };
  switch (record.status) {
    case 'delivered':
      logger.info(facts, 'notification delivered');
      return;
    case 'pending':
      logger.info(facts, 'notification parked: the recipient has no installation');
      return;
    case 'queued':
      logger.warn({ ...facts, error: record.lastError, nextAttemptAt: record.nextAttemptAt }, 'notification delivery failed; will retry');
      return;
    case 'failed': {
      const failure = record.lastError?.failure ?? 'unexpected';
      const reason = record.supersededBy
        ? `a later notification of the same task and recipient (${record.supersededBy}) was delivered while it waited for a retry`
        : isRetryable(failure)
          ? `gave up after ${record.attempts} attempts`
          : `not retryable (${failure})`;
      logger.error(
        { ...facts, recipient: record.recipientKeys[0] ?? null, reason, error: record.lastError },
        'notification delivery failed for good',
      );
    }
  }
}

/** Items of one task for one recipient share a lane. */
export function laneOf(notification: TaskNotification): string {
  return `${notification.task.ID}|${recipientKeys(notification.recipient)[0] ?? ''}`;
}
