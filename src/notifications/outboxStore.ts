import type { DeliveryFailure } from '../core/cardChannel';
import {
  OUTBOX_FAILED_PREFIX,
  OUTBOX_KEY_PREFIX,
  OUTBOX_PENDING_PREFIX,
  OUTBOX_RECORD_PREFIX,
  outboxFailedKey,
  outboxKeyRecordKey,
  outboxPendingKey,
  outboxPendingPrefix,
  outboxRecordKey,
  parseOutboxFailedKey,
} from '../core/storageKeys';
import type { Storage, StorageChange, StoreItem } from '../storage/storage';
import { LaneIndex } from './laneIndex';
import type { TaskNotification } from './schema';

/**
 * The outbox's records and indexes in storage (the layout is in core/storageKeys.ts): one record per accepted
 * notification, an idempotency record per notification key, index entries of parked records by each recipient key,
 * the lane index (laneIndex.ts) and an entry per failed record (so the outbox is counted from key listings,
 * outboxStates.ts).
 */
export type OutboxStatus = 'queued' | 'pending' | 'delivered' | 'failed';

export type OutboxError = {
  failure: DeliveryFailure | 'unexpected';
  status: number | null;
  message: string;
  at: string;
};

export type OutboxRecord = {
  id: string;
  /** The id answered to the sender: theirs, or the record id. */
  answerId: string;
  key: string;
  /** Acceptance order (µs-based, strictly increasing): items of one lane go out in this order. */
  order: number;
  /** Task + recipient: items of one lane are delivered one at a time, in order. */
  lane: string;
  recipientKeys: string[];
  notification: TaskNotification;
  status: OutboxStatus;
  /** Deliveries tried since the item was (re)queued. */
  attempts: number;
  nextAttemptAt: string | null;
  lastError: OutboxError | null;
  acceptedAt: string;
  updatedAt: string;
  /** Set while an instance delivers the record; absent otherwise. */
  lease?: OutboxLease;
  /** Failed because this later item of its lane (its answer id) was delivered while it waited for a retry. */
  supersededBy?: string;
};

/** The instance (`owner`) delivering a record, and until when (ISO) its claim holds unless renewed. */
export type OutboxLease = { owner: string; until: string };

export type KeyRecord = { id: string; recordId: string; acceptedAt: string };

/** A record as read, with the eTag a conditional write of it needs. */
export type VersionedRecord = { record: OutboxRecord; eTag: string };

export interface OutboxRetention {
  /** Delivered records are kept this long (diagnostics; idempotency lives in the key records). */
  deliveredMs: number;
  /** Failed records are kept this long, for an operator to look into. */
  failedMs: number;
  /** Idempotency records: a repeat within this time is a duplicate. */
  keyMs: number;
  pruneIntervalMs: number;
}

const DAY_MS = 24 * 3_600_000;
export const DEFAULT_RETENTION: OutboxRetention = {
  deliveredMs: DAY_MS,
  failedMs: 7 * DAY_MS,
  keyMs: 7 * DAY_MS,
  pruneIntervalMs: 3_600_000,
};

const READ_CHUNK = 100;

/** The idempotency record of a notification key as found: live (a repeat is a duplicate) or expired (may be taken over). */
export type FoundKey = { record: KeyRecord; eTag: string; live: boolean };

/**
 * The outbox's records and indexes. Every change that touches more than one key is one `batch`, ordered so that any
 * prefix of it (what a crash can leave on Azure; SQLite applies all or nothing) is a state the outbox recovers from:
 * index entries of a parked record before the record, the record before its lane entry, both before the idempotency
 * key; on the way out, the record's new state before its entries are removed.
 */
export class OutboxStore {
  readonly lanes: LaneIndex;

  constructor(private readonly storage: Storage) {
    this.lanes = new LaneIndex(storage);
  }

  async readVersioned(ids: string[]): Promise<VersionedRecord[]> {
    const records: VersionedRecord[] = [];
    for (let i = 0; i < ids.length; i += READ_CHUNK) {
      const keys = ids.slice(i, i + READ_CHUNK).map(outboxRecordKey);
      const items = await this.storage.read(keys);
      for (const key of keys) {
        const item = items[key];
        if (item) records.push({ record: withoutETag(item) as OutboxRecord, eTag: item.eTag ?? '*' });
      }
    }
    return records;
  }

  async readRecords(ids: string[]): Promise<OutboxRecord[]> {
    return (await this.readVersioned(ids)).map((found) => found.record);
  }

  async readRecord(id: string): Promise<OutboxRecord | null> {
    return (await this.readRecords([id]))[0] ?? null;
  }

  /** Every record, a chunk at a time (never all of them in memory at once), in no particular order. */
  async eachChunk(visit: (records: OutboxRecord[]) => Promise<void> | void): Promise<void> {
    const ids = await this.recordIds();
    for (let i = 0; i < ids.length; i += READ_CHUNK) await visit(await this.readRecords(ids.slice(i, i + READ_CHUNK)));
  }

  /** The id of every record (one listing; no record is read). */
  async recordIds(): Promise<string[]> {
    return (await this.storage.list(OUTBOX_RECORD_PREFIX)).map((key) => key.slice(OUTBOX_RECORD_PREFIX.length));
  }

  /** The ids the pending index names, under any recipient key (possibly stale: check the record's status). */
  async parkedIds(): Promise<Set<string>> {
    return new Set((await this.storage.list(OUTBOX_PENDING_PREFIX)).map((key) => key.slice(key.lastIndexOf('/') + 1)));
  }

  /** The failed index: an entry per failed record (possibly stale after a crash: its record was requeued or deleted). */
  async failedEntries(): Promise<Array<{ id: string; order: number }>> {
    return (await this.storage.list(OUTBOX_FAILED_PREFIX)).flatMap((key) => parseOutboxFailedKey(key) ?? []);
  }

  /** Adds failed records' index entries (ones a crash left unwritten, or records from before the index), in one write. */
  async indexFailed(records: OutboxRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.storage.write(Object.fromEntries(records.map((record) => [outboxFailedKey(record), { recordId: record.id, eTag: '*' }])));
  }

  /**
   * Stores a newly accepted record with its lane entry (and, when parked, its index entries) and claims its
   * idempotency key, in one batch: the key is created, or an expired one (`expired`, as found) taken over. False when
   * another accept claimed the key first; what this one wrote is removed again.
   */
  async addRecord(record: OutboxRecord, claim: KeyRecord, expired: FoundKey | null): Promise<boolean> {
    const keyItem = { ...claim };
    const changes: StorageChange[] = [
      ...this.recordChanges(record, '*'),
      { op: 'write', key: this.lanes.keyOf(record), item: { recordId: record.id, eTag: '*' } },
      expired
        ? { op: 'write', key: outboxKeyRecordKey(record.key), item: { ...keyItem, eTag: expired.eTag } }
        : { op: 'create', key: outboxKeyRecordKey(record.key), item: keyItem },
    ];
    if ((await this.storage.batch(changes)) === changes.length) return true;
    await this.deleteRecords([record]);
    return false;
  }

  /**
   * Writes the record; a pending record after its index entries, a failed one before its entry. `was`: the stored
   * record's state, when the record leaves it (pending, failed): that state's entries go after the record is written.
   * A crash in between, or a conditional write that loses, leaves a stale entry, which readers skip; never a parked
   * record nobody can find.
   */
  async saveRecord(record: OutboxRecord, was?: OutboxStatus): Promise<void> {
    await this.storage.batch(this.recordChanges(record, '*', was));
  }

  /** `saveRecord`, only if the stored record still has `eTag`; false (nothing written) when it changed meanwhile. */
  async replaceRecord(record: OutboxRecord, eTag: string, was?: OutboxStatus): Promise<boolean> {
    const changes = this.recordChanges(record, eTag, was);
    return (await this.storage.batch(changes)) === changes.length;
  }

  /**
   * `replaceRecord` for a requeue: the record's lane entry is written in the same batch, right after the record (an
   * entry never points at an item that is not unfinished yet). One transaction on SQLite; on Azure, where a batch's
   * steps can fail one by one, a queued record is not left outside its lane by a failure after the record's write
   * (short of a crash, which the start-up repair covers).
   */
  async requeueRecord(record: OutboxRecord, eTag: string, was: OutboxStatus): Promise<boolean> {
    const changes = this.recordChanges(record, eTag, was);
    const afterRecord = changes.findIndex((change) => change.key === outboxRecordKey(record.id)) + 1;
    changes.splice(afterRecord, 0, { op: 'write', key: this.lanes.keyOf(record), item: { recordId: record.id, eTag: '*' } });
    return (await this.storage.batch(changes)) === changes.length;
  }

  /** Removes failed-index entries (ones whose record is no longer failed, or gone). */
  async removeFailedEntries(entries: Array<{ id: string; order: number }>): Promise<void> {
    if (entries.length > 0) await this.storage.delete(entries.map((entry) => outboxFailedKey(entry)));
  }

  /**
   * `replaceRecord` for an outcome: a record that is finished (delivered or failed) leaves the lane index in the same
   * batch, after its new state is written.
   */
  async finishRecord(record: OutboxRecord, eTag: string): Promise<boolean> {
    const changes = this.recordChanges(record, eTag);
    if (record.status === 'delivered' || record.status === 'failed') changes.push({ op: 'delete', key: this.lanes.keyOf(record) });
    return (await this.storage.batch(changes)) === changes.length;
  }

  /** Deletes the records with their index entries; lane entries first, so none is left pointing at nothing. */
  async deleteRecords(records: OutboxRecord[]): Promise<void> {
    if (records.length === 0) return;
    const keys = [
      ...records.map((r) => this.lanes.keyOf(r)),
      ...records.flatMap((r) => [outboxRecordKey(r.id), ...pendingKeys(r), ...(r.status === 'failed' ? [outboxFailedKey(r)] : [])]),
    ];
    await this.storage.batch(keys.map((key) => ({ op: 'delete', key })));
  }

  /** Ids of records parked for this recipient key (possibly stale: check the record's status). */
  async pendingIds(recipientKey: string): Promise<string[]> {
    const prefix = outboxPendingPrefix(recipientKey);
    return (await this.storage.list(prefix)).map((key) => key.slice(prefix.length));
  }

  /** Removes index entries whose record is gone or no longer pending. */
  async deletePendingEntries(recipientKey: string, recordIds: string[]): Promise<void> {
    if (recordIds.length > 0) await this.storage.delete(recordIds.map((id) => outboxPendingKey(recipientKey, id)));
  }

  /** The idempotency record of `key`, live or expired (older than `notBefore`), or null when there is none. */
  async findKey(key: string, notBefore: Date): Promise<FoundKey | null> {
    const items = await this.storage.read([outboxKeyRecordKey(key)]);
    const found = items[outboxKeyRecordKey(key)] as (KeyRecord & StoreItem) | undefined;
    if (!found) return null;
    const record = { id: found.id, recordId: found.recordId, acceptedAt: found.acceptedAt };
    return { record, eTag: found.eTag ?? '*', live: !isExpired(found, notBefore) };
  }

  /** Deletes finished records and idempotency records past their retention, a chunk at a time. */
  async prune(now: Date, retention: OutboxRetention): Promise<void> {
    await this.eachChunk((records) => this.pruneRecords(records, now, retention));
    await this.pruneKeys(new Date(now.getTime() - retention.keyMs));
  }

  /** Deletes those of `records` that are finished and past their retention. */
  async pruneRecords(records: OutboxRecord[], now: Date, retention: OutboxRetention): Promise<void> {
    const t = now.getTime();
    const expired = records.filter((r) => {
      const age = t - Date.parse(r.updatedAt);
      return (r.status === 'delivered' && age > retention.deliveredMs) || (r.status === 'failed' && age > retention.failedMs);
    });
    await this.deleteRecords(expired);
  }

  /** Deletes the idempotency records accepted before `notBefore`. */
  async pruneKeys(notBefore: Date): Promise<void> {
    const keys = await this.storage.list(OUTBOX_KEY_PREFIX);
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const items = await this.storage.read(keys.slice(i, i + READ_CHUNK));
      const expired = Object.entries(items).filter(([, item]) => isExpired(item as KeyRecord & StoreItem, notBefore));
      if (expired.length > 0) await this.storage.delete(expired.map(([key]) => key));
    }
  }

  /**
   * The record (conditionally when `eTag` is one), with its pending index entries written before it, its failed entry
   * after it (only once it is written: a failed record is never written again as failed), and the entries of the
   * state it leaves (`was`) removed after it.
   */
  private recordChanges(record: OutboxRecord, eTag: string, was?: OutboxStatus): StorageChange[] {
    const changes: StorageChange[] = [];
    const entry = { recordId: record.id, eTag: '*' };
    if (record.status === 'pending') for (const key of pendingKeys(record)) changes.push({ op: 'write', key, item: entry });
    changes.push({ op: 'write', key: outboxRecordKey(record.id), item: { ...record, eTag } });
    if (record.status === 'failed' && was !== 'failed') changes.push({ op: 'write', key: outboxFailedKey(record), item: entry });
    if (record.status === was) return changes;
    if (was === 'pending') for (const key of pendingKeys(record)) changes.push({ op: 'delete', key });
    if (was === 'failed') changes.push({ op: 'delete', key: outboxFailedKey(record) });
    return changes;
  }
}

function pendingKeys(record: OutboxRecord): string[] {
  return record.recipientKeys.map((key) => outboxPendingKey(key, record.id));
}

function isExpired(record: { acceptedAt?: unknown }, notBefore: Date): boolean {
  const at = typeof record.acceptedAt === 'string' ? Date.parse(record.acceptedAt) : NaN;
  return Number.isNaN(at) || at < notBefore.getTime();
}

function withoutETag(item: StoreItem): Record<string, unknown> {
  const { eTag: _eTag, ...rest } = item;
  return rest;
}
