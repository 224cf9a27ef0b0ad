import type { Clock } from '../core/clock';
import { recipientKeys, type RecipientIds } from '../core/userKey';
import type { OutboxRecord, OutboxStore } from './outboxStore';
import { requeued } from './recordLifecycle';
import type { NotificationRecipient } from './schema';

export interface ParkedItemsDeps {
  store: OutboxStore;
  clock: Clock;
  isInstalled(recipient: NotificationRecipient): Promise<boolean>;
  /** Schedules the record as stored (outbox.ts `track`). */
  track(record: OutboxRecord): void;
  /** Forgets an item that is gone. */
  forget(id: string): void;
  /** Reads the item again and schedules what is stored (after a conditional write lost). */
  retrack(id: string): Promise<void>;
}

/**
 * The outbox's parked (pending) items: found by any of their recipient's keys, and queued once the recipient has an
 * installation, with conditional writes, so that several instances may release the same recipient at once.
 */
export class ParkedItems {
  constructor(private readonly deps: ParkedItemsDeps) {}

  /** The recipient's parked records (matched by any of their keys), in acceptance order; stale index entries go. */
  async of(recipient: RecipientIds): Promise<OutboxRecord[]> {
    const parked = new Map<string, OutboxRecord>();
    for (const key of recipientKeys(recipient)) {
      const found = await this.deps.store.pendingIds(key);
      const records = (await this.deps.store.readRecords(found)).filter((r) => r.status === 'pending');
      for (const record of records) parked.set(record.id, record);
      await this.deps.store.deletePendingEntries(
        key,
        found.filter((id) => !records.some((r) => r.id === id)),
      );
    }
    return [...parked.values()].sort((a, b) => a.order - b.order);
  }

  /** Requeues parked records whose recipient has an installation now; one lookup per recipient. */
  async releaseInstalled(parked: OutboxRecord[]): Promise<void> {
    const byRecipient = new Map<string, OutboxRecord[]>();
    for (const record of parked) {
      const key = record.recipientKeys.join(' ');
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), record]);
    }
    for (const records of byRecipient.values()) {
      if (!(await this.deps.isInstalled((records[0] as OutboxRecord).notification.recipient))) continue;
      for (const record of records.sort((a, b) => a.order - b.order)) await this.requeue(record);
    }
  }

  /** Queues a parked record, unless another instance released or changed it first (then schedules what it stored). */
  async requeue(record: OutboxRecord): Promise<void> {
    const [found] = await this.deps.store.readVersioned([record.id]);
    if (found?.record.status !== 'pending') {
      if (found) this.deps.track(found.record);
      else this.deps.forget(record.id);
      return;
    }
    const queued = requeued(found.record, this.deps.clock.now());
    if (await this.deps.store.replaceRecord(queued, found.eTag, 'pending')) this.deps.track(queued);
    else await this.deps.retrack(record.id);
  }
}
