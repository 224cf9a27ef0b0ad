import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { OutboxRecord, OutboxStore } from './outboxStore';
import { laneOf, newRecord } from './recordLifecycle';
import type { NotificationRecipient, TaskNotification } from './schema';

export type AcceptStatus = 'queued' | 'duplicate' | 'pending';
export interface AcceptResult {
  id: string;
  status: AcceptStatus;
}

export interface AcceptDeps {
  store: OutboxStore;
  isInstalled(recipient: NotificationRecipient): Promise<boolean>;
  clock: Clock;
  /** A repeat of a notification key within this long is a duplicate. */
  keyMs: number;
  /**
   * Whether other instances accept into the same storage. Then a new item's order comes after the last one stored
   * in its lane (one listing of that lane), even when their clocks run ahead; alone, the outbox's own counter is enough.
   */
  shared: boolean;
  /** The next acceptance order: strictly increasing, after `after`. */
  nextOrder(now: Date, after: number): number;
}

/**
 * Accepting one notification (its idempotency key already computed), in as few storage round trips as the protocol
 * allows: the key's record and the installation are read, then the record, its lane entry and the key's claim are one
 * batch (outboxStore.ts) — on SQLite one transaction, which shares its commit with the accepts that arrive together
 * (storage/sqliteGroupCommit.ts). Resolves to the answer and, when this call stored it, the new record.
 *
 * The record is written before the key is claimed: a crash in between (possible on Azure, which applies a batch one
 * blob at a time) leaves an unanswered record — delivered, harmlessly, perhaps twice once the sender retries — never
 * a claimed key without its notification.
 */
export async function acceptOne(
  deps: AcceptDeps,
  notification: TaskNotification,
  key: string,
): Promise<{ result: AcceptResult; record: OutboxRecord | null }> {
  const now = deps.clock.now();
  const notBefore = new Date(now.getTime() - deps.keyMs);
  const known = await deps.store.findKey(key, notBefore);
  if (known?.live) return { result: { id: known.record.id, status: 'duplicate' }, record: null };

  const installed = await deps.isInstalled(notification.recipient);
  const lastStored = deps.shared ? await deps.store.lanes.lastOrder(laneOf(notification)) : 0;
  const record = newRecord(notification, { id: randomUUID(), key, order: deps.nextOrder(now, lastStored), installed, now });
  const claim = { id: record.answerId, recordId: record.id, acceptedAt: record.acceptedAt };
  if (!(await deps.store.addRecord(record, claim, known))) return { result: await holderOf(deps, key, notBefore), record: null };
  return { result: { id: record.answerId, status: installed ? 'queued' : 'pending' }, record };
}

/** Another accept claimed the key between our read and our batch: the answer is theirs. */
async function holderOf(deps: AcceptDeps, key: string, notBefore: Date): Promise<AcceptResult> {
  const holder = await deps.store.findKey(key, notBefore);
  if (holder?.live) return { id: holder.record.id, status: 'duplicate' };
  throw new Error(`Outbox: could not claim the idempotency key ${JSON.stringify(key)} (contended)`);
}
