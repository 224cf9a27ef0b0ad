import type { DeliveryFailure } from '../core/cardChannel';
import {
  OUTBOX_KEY_PREFIX,
  OUTBOX_RECORD_PREFIX,
  outboxKeyRecordKey,
  outboxPendingKey,
  outboxPendingPrefix,
  outboxRecordKey,
} from '../core/storageKeys';
import type { Storage, StoreItem, StoreItems } from '../storage/storage';
import { ETagConflictError } from '../storage/storage';
import { LaneIndex } from './laneIndex';
import type { TaskNotification } from './schema';

/**
 * The outbox's records and indexes in storage (the layout is in core/storageKeys.ts): one record per accepted
 * notification, an idempotency record per notification key, index entries of parked records by each recipient key,
 * and the lane index (laneIndex.ts).
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

  /** Every record, in acceptance order. */
  async allRecords(): Promise<OutboxRecord[]> {
    const ids = (await this.storage.list(OUTBOX_RECORD_PREFIX)).map((key) => key.slice(OUTBOX_RECORD_PREFIX.length));
    return (await this.readRecords(ids)).sort((a, b) => a.order - b.order);
  }

  /** Stores a newly accepted record, then its lane entry (so an entry never points at a record not yet written). */
  async addRecord(record: OutboxRecord): Promise<void> {
    await this.saveRecord(record);
    await this.lanes.add(record);
  }

  /**
   * Writes the record; a pending record after its index entries. `wasPending`: the record leaves the pending state, so
   * its index entries go after the record is written. A crash in between, or a conditional write that loses, leaves a
   * stale entry, which readers skip; never a parked record nobody can find.
   */
  async saveRecord(record: OutboxRecord, wasPending = false): Promise<void> {
    await this.writeRecord(record, '*', wasPending);
  }

  /** `saveRecord`, only if the stored record still has `eTag`; false (nothing written) when it changed meanwhile. */
  async replaceRecord(record: OutboxRecord, eTag: string, wasPending = false): Promise<boolean> {
    try {
      await this.writeRecord(record, eTag, wasPending);
      return true;
    } catch (err) {
      if (err instanceof ETagConflictError && err.key === outboxRecordKey(record.id)) return false;
      throw err;
    }
  }

  /** Deletes the records with their index entries; lane entries first, so none is left pointing at nothing. */
  async deleteRecords(records: OutboxRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.lanes.remove(records);
    await this.storage.delete(records.flatMap((r) => [outboxRecordKey(r.id), ...pendingKeys(r)]));
  }

  private async writeRecord(record: OutboxRecord, eTag: string, wasPending: boolean): Promise<void> {
    if (record.status === 'pending') {
      const entries: StoreItems = {};
      for (const key of pendingKeys(record)) entries[key] = { recordId: record.id, eTag: '*' };
      await this.storage.write(entries);
    }
    await this.storage.write({ [outboxRecordKey(record.id)]: { ...record, eTag } });
    if (wasPending && record.status !== 'pending') await this.storage.delete(pendingKeys(record));
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

  /** The live idempotency record of `key`, or null when there is none or it has expired. */
  async findKey(key: string, notBefore: Date): Promise<KeyRecord | null> {
    const items = await this.storage.read([outboxKeyRecordKey(key)]);
    const found = items[outboxKeyRecordKey(key)] as (KeyRecord & StoreItem) | undefined;
    return found && !isExpired(found, notBefore) ? { id: found.id, recordId: found.recordId, acceptedAt: found.acceptedAt } : null;
  }

  /**
   * Claims `key` for a new record, atomically across instances. Returns null when claimed, or the live record that
   * holds it (the notification is a duplicate). An expired record is taken over with a conditional write.
   */
  async claimKey(key: string, claim: KeyRecord, notBefore: Date): Promise<KeyRecord | null> {
    const storageKey = outboxKeyRecordKey(key);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.storage.create(storageKey, { ...claim })) return null;
      const existing = (await this.storage.read([storageKey]))[storageKey] as (KeyRecord & StoreItem) | undefined;
      if (!existing) continue; // pruned in between: create again
      if (!isExpired(existing, notBefore)) return { id: existing.id, recordId: existing.recordId, acceptedAt: existing.acceptedAt };
      try {
        await this.storage.write({ [storageKey]: { ...claim, eTag: existing.eTag ?? '*' } });
        return null;
      } catch (err) {
        if (!(err instanceof ETagConflictError)) throw err;
        // Another instance took the expired record over first: look again.
      }
    }
    throw new Error(`Outbox: could not claim the idempotency key ${JSON.stringify(key)} (contended)`);
  }

  /** Deletes finished records and idempotency records past their retention; `records` saves a second scan. */
  async prune(now: Date, retention: OutboxRetention, records?: OutboxRecord[]): Promise<void> {
    const t = now.getTime();
    const expired = (records ?? (await this.allRecords())).filter((r) => {
      const age = t - Date.parse(r.updatedAt);
      return (r.status === 'delivered' && age > retention.deliveredMs) || (r.status === 'failed' && age > retention.failedMs);
    });
    await this.deleteRecords(expired);
    await this.pruneKeys(new Date(t - retention.keyMs));
  }

  private async pruneKeys(notBefore: Date): Promise<void> {
    const keys = await this.storage.list(OUTBOX_KEY_PREFIX);
    const expired: string[] = [];
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const items = await this.storage.read(keys.slice(i, i + READ_CHUNK));
      for (const [key, item] of Object.entries(items)) if (isExpired(item as KeyRecord & StoreItem, notBefore)) expired.push(key);
    }
    if (expired.length > 0) await this.storage.delete(expired);
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
