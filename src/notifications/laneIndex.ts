import { createHash } from 'node:crypto';
import type { Storage } from '../storage/storage';

/**
 * `outbox-lane/{sha256(lane)[0..32]}/{order}_{recordId}`: one entry per unfinished (queued or pending) outbox record.
 * It lets an instance see the items of a lane that other instances accepted (so a lane keeps its order across
 * instances), and lets every instance find the unfinished items without reading the finished ones kept for a day.
 * The order is in the key, so a lane's order is known from one listing.
 */
export const LANE_PREFIX = 'outbox-lane/';

export interface LaneEntry {
  key: string;
  /** The record id. */
  id: string;
  order: number;
}

type Laned = { id: string; order: number; lane: string };

export class LaneIndex {
  constructor(private readonly storage: Storage) {}

  async add(record: Laned): Promise<void> {
    await this.storage.write({ [laneEntryKey(record)]: { recordId: record.id, eTag: '*' } });
  }

  /** Adds the entries that are missing. */
  async ensure(records: Laned[]): Promise<void> {
    if (records.length === 0) return;
    const indexed = new Set((await this.all()).map((entry) => entry.id));
    for (const record of records) if (!indexed.has(record.id)) await this.add(record);
  }

  async remove(records: Laned[]): Promise<void> {
    if (records.length > 0) await this.storage.delete(records.map(laneEntryKey));
  }

  async removeEntries(entries: LaneEntry[]): Promise<void> {
    if (entries.length > 0) await this.storage.delete(entries.map((entry) => entry.key));
  }

  /** The entries of one lane, in order. */
  async inLane(lane: string): Promise<LaneEntry[]> {
    return this.entries(`${LANE_PREFIX}${laneDigest(lane)}/`);
  }

  /** The order of the lane's last unfinished item, or 0. */
  async lastOrder(lane: string): Promise<number> {
    return (await this.inLane(lane)).at(-1)?.order ?? 0;
  }

  /** Every entry, in order. */
  async all(): Promise<LaneEntry[]> {
    return this.entries(LANE_PREFIX);
  }

  private async entries(prefix: string): Promise<LaneEntry[]> {
    const entries = (await this.storage.list(prefix)).map(parseEntry).filter((entry): entry is LaneEntry => entry !== null);
    return entries.sort(byOrder);
  }
}

export function laneEntryKey(record: Laned): string {
  return `${LANE_PREFIX}${laneDigest(record.lane)}/${record.order}_${record.id}`;
}

/** Acceptance order; two instances may pick the same µs, then the record id decides, the same way everywhere. */
export function byOrder(a: { order: number; id: string }, b: { order: number; id: string }): number {
  return a.order - b.order || a.id.localeCompare(b.id);
}

function parseEntry(key: string): LaneEntry | null {
  const match = /^outbox-lane\/[0-9a-f]{32}\/(\d+)_(.+)$/.exec(key);
  return match ? { key, order: Number(match[1]), id: match[2] as string } : null;
}

function laneDigest(lane: string): string {
  return createHash('sha256').update(lane, 'utf8').digest('hex').slice(0, 32);
}
