import { OUTBOX_LANE_PREFIX, outboxLaneKey, outboxLanePrefix, parseOutboxLaneKey } from '../core/storageKeys';
import type { Storage } from '../storage/storage';

export interface LaneEntry {
  key: string;
  /** The record id. */
  id: string;
  order: number;
}

type Laned = { id: string; order: number; lane: string };

/**
 * One entry per unfinished (queued or pending) outbox record, keyed by its lane and acceptance order
 * (`outboxLaneKey`, core/storageKeys.ts). It lets an instance see the items of a lane that other instances accepted (so
 * a lane keeps its order across instances), and lets every instance find the unfinished items without reading the
 * finished ones kept for a day. The order is in the key, so a lane's order is known from one listing.
 */
export class LaneIndex {
  constructor(private readonly storage: Storage) {}

  /** The entry's key: written and removed in the batches of outboxStore.ts, with the record. */
  keyOf(record: Laned): string {
    return outboxLaneKey(record);
  }

  async add(record: Laned): Promise<void> {
    await this.storage.write({ [outboxLaneKey(record)]: { recordId: record.id, eTag: '*' } });
  }

  /** Adds the entries that are missing. */
  async ensure(records: Laned[]): Promise<void> {
    if (records.length === 0) return;
    const indexed = new Set((await this.all()).map((entry) => entry.id));
    for (const record of records) if (!indexed.has(record.id)) await this.add(record);
  }

  async remove(records: Laned[]): Promise<void> {
    if (records.length > 0) await this.storage.delete(records.map(outboxLaneKey));
  }

  async removeEntries(entries: LaneEntry[]): Promise<void> {
    if (entries.length > 0) await this.storage.delete(entries.map((entry) => entry.key));
  }

  /** The entries of one lane, in order. */
  async inLane(lane: string): Promise<LaneEntry[]> {
    return this.entries(outboxLanePrefix(lane));
  }

  /** The order of the lane's last unfinished item, or 0. */
  async lastOrder(lane: string): Promise<number> {
    return (await this.inLane(lane)).at(-1)?.order ?? 0;
  }

  /** Every entry, in order. */
  async all(): Promise<LaneEntry[]> {
    return this.entries(OUTBOX_LANE_PREFIX);
  }

  private async entries(prefix: string): Promise<LaneEntry[]> {
    const entries = (await this.storage.list(prefix)).flatMap((key) => {
      const entry = parseOutboxLaneKey(key);
      return entry ? [{ key, ...entry }] : [];
    });
    return entries.sort(byOrder);
  }
}

/** Acceptance order; two instances may pick the same µs, then the record id decides, the same way everywhere. */
export function byOrder(a: { order: number; id: string }, b: { order: number; id: string }): number {
  return a.order - b.order || a.id.localeCompare(b.id);
}
