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
import { storedStates, type IndexedRecord, type StoredStates } from './outboxStates';
import { OutboxStore, type OutboxRecord } from './outboxStore';
import { leasedByOther, requeued } from './recordLifecycle';

/** A conditional write that loses to another instance is tried again this often before the caller is told. */
const CONTENDED_ATTEMPTS = 3;
/** Records a listing reads per step (the store reads them in chunks of its own). */
const PAGE_READ = 100;
/** Matches no instance: every live lease counts as someone else's. */
const NOBODY = '';

/**
 * The outbox as an administrator sees it (core/outboxAdmin.ts), over the outbox's stored records. Changes are
 * conditional writes (eTags), like the outbox's own, so they are safe with several bot instances on one storage;
 * `changed` has the running outbox read the changed item again before the change is answered (so a requeued item is
 * on its way, not waiting for the next rescan).
 *
 * Counting takes four key listings (outboxStates.ts) and reads only the records the pending index names (for their
 * age); listing a state reads the records of that state from the start of the page on, a page at a time (delivered
 * ones, whose order no key holds, all of them, keeping one page in memory).
 */
export class StoredOutboxAdmin implements OutboxAdmin {
  private readonly store: OutboxStore;

  constructor(private readonly deps: { storage: Storage; clock: Clock; changed: (id: string) => Promise<void> }) {
    this.store = new OutboxStore(deps.storage);
  }

  async counts(pendingCutoff: Date): Promise<OutboxCounts> {
    const states = await storedStates(this.store);
    const pending = (await this.store.readRecords(states.parked.map((entry) => entry.id))).filter((r) => r.status === 'pending');
    return {
      queued: states.unfinished.length - pending.length,
      pending: pending.length,
      failed: states.failed.length,
      delivered: states.delivered.length,
      pendingOverAge: pending.filter((r) => Date.parse(r.acceptedAt) < pendingCutoff.getTime()).length,
    };
  }

  async list(query: OutboxListQuery): Promise<OutboxPage> {
    const states = await storedStates(this.store);
    const before = query.acceptedBefore?.getTime() ?? Infinity;
    const afterCursor = (r: IndexedRecord) => query.after === null || byOrder(r, query.after) > 0;
    const matches = (r: OutboxRecord) => r.status === query.state && Date.parse(r.acceptedAt) < before && afterCursor(r);
    const found =
      query.state === 'delivered'
        ? await this.firstOf(states.delivered, matches, query.limit + 1)
        : await this.firstInOrder(ordered(states, query.state).filter(afterCursor), matches, query.limit + 1);
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => this.view(r)),
      next: found.length > page.length && last ? { order: last.order, id: last.id } : null,
    };
  }

  /** The first `count` records that match, of `entries` (in order): read a page at a time, up to the last needed. */
  private async firstInOrder(entries: IndexedRecord[], matches: (r: OutboxRecord) => boolean, count: number): Promise<OutboxRecord[]> {
    const found: OutboxRecord[] = [];
    for (let i = 0; i < entries.length && found.length < count; i += PAGE_READ) {
      const records = await this.store.readRecords(entries.slice(i, i + PAGE_READ).map((entry) => entry.id));
      found.push(...records.filter(matches));
    }
    return found.slice(0, count);
  }

  /** The first `count` records that match, in order, of `ids` (in no order): all are read, a page at a time. */
  private async firstOf(ids: string[], matches: (r: OutboxRecord) => boolean, count: number): Promise<OutboxRecord[]> {
    let found: OutboxRecord[] = [];
    for (let i = 0; i < ids.length; i += PAGE_READ) {
      const records = await this.store.readRecords(ids.slice(i, i + PAGE_READ));
      found = [...found, ...records.filter(matches)].sort(byOrder).slice(0, count);
    }
    return found;
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
      if (await this.store.requeueRecord(queued, eTag, record.status)) {
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

/** The entries of a state whose order the keys hold, in acceptance order (queued: every unfinished one, read to tell). */
function ordered(states: StoredStates, state: Exclude<OutboxState, 'delivered'>): IndexedRecord[] {
  switch (state) {
    case 'queued':
      return states.unfinished;
    case 'pending':
      return states.parked;
    case 'failed':
      return states.failed;
  }
}
