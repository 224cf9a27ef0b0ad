import type { Clock } from '../core/clock';
import type {
  OutboxAdmin,
  OutboxChange,
  OutboxCounts,
  OutboxItemView,
  OutboxListQuery,
  OutboxPage,
  OutboxState,
} from '../core/outboxAdmin';
import type { Storage } from '../storage/storage';
import { byOrder } from './laneIndex';
import { OutboxStore, type OutboxRecord } from './outboxStore';
import { leasedByOther, requeued } from './recordLifecycle';

/** A conditional write that loses to another instance is tried again this often before the caller is told. */
const CONTENDED_ATTEMPTS = 3;
/** Matches no instance: every live lease counts as someone else's. */
const NOBODY = '';

/**
 * The outbox as an administrator sees it (core/outboxAdmin.ts), over the outbox's stored records. Changes are
 * conditional writes (eTags), like the outbox's own, so they are safe with several bot instances on one storage;
 * `changed` has the running outbox read the changed item again before the change is answered (so a requeued item is
 * on its way, not waiting for the next rescan).
 *
 * Counting and listing read every stored record (delivered ones are kept a day, failed ones 7 days): one listing and
 * a read per 100 records.
 */
export class StoredOutboxAdmin implements OutboxAdmin {
  private readonly store: OutboxStore;

  constructor(private readonly deps: { storage: Storage; clock: Clock; changed: (id: string) => Promise<void> }) {
    this.store = new OutboxStore(deps.storage);
  }

  async counts(pendingCutoff: Date): Promise<OutboxCounts> {
    const counts: OutboxCounts = { queued: 0, pending: 0, failed: 0, delivered: 0, pendingOverAge: 0 };
    for (const record of await this.store.allRecords()) {
      counts[record.status] += 1;
      if (record.status === 'pending' && Date.parse(record.acceptedAt) < pendingCutoff.getTime()) counts.pendingOverAge += 1;
    }
    return counts;
  }

  async list(query: OutboxListQuery): Promise<OutboxPage> {
    const before = query.acceptedBefore?.getTime() ?? Infinity;
    const matching = (await this.store.allRecords())
      .filter((r) => r.status === query.state && Date.parse(r.acceptedAt) < before)
      .filter((r) => query.after === null || byOrder(r, query.after) > 0)
      .sort(byOrder);
    const page = matching.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => this.view(r)),
      next: matching.length > page.length && last ? { order: last.order, id: last.id } : null,
    };
  }

  async get(id: string): Promise<OutboxItemView | null> {
    const record = await this.store.readRecord(id);
    return record ? this.view(record) : null;
  }

  async requeue(id: string): Promise<OutboxChange> {
    for (let attempt = 0; attempt < CONTENDED_ATTEMPTS; attempt++) {
      const [found] = await this.store.readVersioned([id]);
      if (!found) return { kind: 'notFound' };
      const { record, eTag } = found;
      if (record.status !== 'failed' && record.status !== 'pending') {
        return { kind: 'conflict', reason: `the item is ${record.status}; only failed and pending items can be requeued` };
      }
      const queued = requeued(record, this.deps.clock.now());
      if (await this.store.replaceRecord(queued, eTag, record.status === 'pending')) {
        // After the record: an entry never points at an item that is not unfinished yet (a rescan would remove it).
        await this.store.lanes.add(queued);
        await this.deps.changed(id);
        return { kind: 'done', item: this.view(queued) };
      }
    }
    return { kind: 'conflict', reason: 'the item kept changing (another bot instance is working on it); try again' };
  }

  async drop(id: string): Promise<OutboxChange> {
    const record = await this.store.readRecord(id);
    if (!record) return { kind: 'notFound' };
    if (leasedByOther(record, NOBODY, this.deps.clock.now())) {
      return { kind: 'conflict', reason: 'the item is being delivered right now; try again in a few minutes' };
    }
    await this.store.deleteRecords([record]);
    await this.deps.changed(id);
    return { kind: 'done', item: this.view(record) };
  }

  private view(record: OutboxRecord): OutboxItemView {
    const { notification, lastError, lease } = record;
    const live = lease !== undefined && leasedByOther(record, NOBODY, this.deps.clock.now());
    return {
      id: record.id,
      notificationId: record.answerId,
      state: record.status satisfies OutboxState,
      event: notification.event,
      taskId: notification.task.ID,
      recipient: recipientOf(notification.recipient),
      attempts: record.attempts,
      lastError: lastError ? { failure: lastError.failure, status: lastError.status, message: lastError.message, at: lastError.at } : null,
      nextAttemptAt: record.nextAttemptAt,
      deliveringUntil: live ? lease.until : null,
      acceptedAt: record.acceptedAt,
      updatedAt: record.updatedAt,
      order: record.order,
    };
  }
}

function recipientOf(recipient: OutboxRecord['notification']['recipient']): OutboxItemView['recipient'] {
  return {
    ...(recipient.aadObjectId ? { aadObjectId: recipient.aadObjectId } : {}),
    ...(recipient.userPrincipalName ? { userPrincipalName: recipient.userPrincipalName } : {}),
    ...(recipient.email ? { email: recipient.email } : {}),
  };
}
