import { DeliveryError } from '../../../src/core/cardChannel';
import { OUTBOX_RETRY_POLICY } from '../../../src/notifications/backoff';
import {
  afterFailure,
  afterHandled,
  isClaimable,
  isRetryable,
  isUnfinished,
  leasedByOther,
  newRecord,
  requeued,
  withLease,
  withoutLease,
} from '../../../src/notifications/recordLifecycle';
import { AAD, notification } from './fixtures';

const NOW = new Date('2026-11-30T16:00:00.000Z');
const LATER = new Date('2026-11-30T16:05:00.000Z');
const half = () => 0.5;

const base = () => newRecord(notification({ id: 'evt-1' }), { id: 'r1', key: 'id:evt-1', order: 7, installed: true, now: NOW });

describe('newRecord()', () => {
  it('answers with the sender id, lanes by task and primary recipient key, and starts queued or pending', () => {
    const record = base();
    expect([record.answerId, record.lane, record.recipientKeys, record.status, record.attempts]).toEqual([
      'evt-1',
      `42|aad:${AAD}`,
      [`aad:${AAD}`],
      'queued',
      0,
    ]);
    const parked = newRecord(notification(), { id: 'r2', key: 'k', order: 8, installed: false, now: NOW });
    expect([parked.answerId, parked.status]).toEqual(['r2', 'pending']);
  });
});

describe('afterHandled()', () => {
  it('counts the attempt and clears the schedule and error', () => {
    const failed = afterFailure(base(), new DeliveryError('transient', 'x'), OUTBOX_RETRY_POLICY, half, NOW);
    expect(afterHandled(failed, 'delivered', LATER)).toEqual({
      ...base(),
      status: 'delivered',
      attempts: 2,
      updatedAt: LATER.toISOString(),
    });
  });
});

describe('afterFailure()', () => {
  it('schedules a retry on the backoff, with the error recorded', () => {
    expect(afterFailure(base(), new DeliveryError('throttled', 'Bot Connector: 429', 429, 2_000), OUTBOX_RETRY_POLICY, half, NOW)).toEqual({
      ...base(),
      status: 'queued',
      attempts: 1,
      nextAttemptAt: '2026-11-30T16:00:02.000Z',
      lastError: { failure: 'throttled', status: 429, message: 'Bot Connector: 429', at: NOW.toISOString() },
    });
  });

  it('fails for good when attempts run out', () => {
    const record = { ...base(), attempts: 9 };
    expect(afterFailure(record, new DeliveryError('transient', 'timeout'), OUTBOX_RETRY_POLICY, half, NOW)).toMatchObject({
      status: 'failed',
      attempts: 10,
      nextAttemptAt: null,
    });
  });

  it('records unexpected errors (message capped at 500 characters) as retryable', () => {
    const next = afterFailure(base(), new Error('x'.repeat(600)), OUTBOX_RETRY_POLICY, half, NOW);
    expect([next.status, next.lastError?.failure, next.lastError?.status, next.lastError?.message.length]).toEqual([
      'queued',
      'unexpected',
      null,
      500,
    ]);
    expect(afterFailure(base(), 'a string', OUTBOX_RETRY_POLICY, half, NOW).lastError?.message).toBe('a string');
  });
});

describe('requeued()', () => {
  it('starts afresh: queued, no attempts, due at once', () => {
    const parked = { ...afterHandled(base(), 'pending', NOW), nextAttemptAt: 'x' };
    expect(requeued(parked, LATER)).toEqual({
      ...base(),
      status: 'queued',
      attempts: 0,
      nextAttemptAt: null,
      updatedAt: LATER.toISOString(),
    });
  });
});

describe('isRetryable()', () => {
  it('retries throttled, transient and unexpected failures only', () => {
    expect((['throttled', 'transient', 'unexpected', 'blocked', 'notFound', 'permanent'] as const).map(isRetryable)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('leases', () => {
  const owner = 'instance-a';
  const leased = () => withLease(base(), owner, LATER);

  it('records who delivers until when, and every outcome ends the lease', () => {
    expect(leased()).toEqual({ ...base(), lease: { owner, until: LATER.toISOString() } });
    expect(withoutLease(leased())).toEqual(base());
    for (const next of [
      afterHandled(leased(), 'delivered', NOW),
      afterHandled(leased(), 'pending', NOW),
      afterFailure(leased(), new DeliveryError('transient', 'x'), OUTBOX_RETRY_POLICY, half, NOW),
      afterFailure(leased(), new DeliveryError('blocked', 'x'), OUTBOX_RETRY_POLICY, half, NOW),
      requeued(leased(), NOW),
    ]) {
      expect('lease' in next).toBe(false);
    }
  });

  it("counts a lease as another instance's only while it runs and is not ours", () => {
    expect(leasedByOther(leased(), 'instance-b', NOW)).toBe(true);
    expect(leasedByOther(leased(), owner, NOW)).toBe(false);
    expect(leasedByOther(leased(), 'instance-b', LATER)).toBe(false);
    expect(leasedByOther(base(), 'instance-b', NOW)).toBe(false);
  });

  it('lets an instance claim a queued, due record nobody else holds', () => {
    const retrying = afterFailure(base(), new DeliveryError('transient', 'x'), OUTBOX_RETRY_POLICY, half, NOW);
    expect([
      isClaimable(base(), 'instance-b', NOW),
      isClaimable(leased(), 'instance-b', NOW),
      isClaimable(leased(), owner, NOW),
      isClaimable(leased(), 'instance-b', LATER),
      isClaimable(retrying, owner, NOW),
      isClaimable(retrying, owner, LATER),
      isClaimable(afterHandled(base(), 'pending', NOW), owner, NOW),
      isClaimable(afterHandled(base(), 'delivered', NOW), owner, NOW),
    ]).toEqual([true, false, true, true, false, true, false, false]);
    expect([base(), afterHandled(base(), 'pending', NOW), afterHandled(base(), 'delivered', NOW)].map(isUnfinished)).toEqual([
      true,
      true,
      false,
    ]);
  });
});
