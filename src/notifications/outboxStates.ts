import { byOrder } from './laneIndex';
import type { OutboxStore } from './outboxStore';

/** A record as an index entry names it: its id and acceptance order. */
export type IndexedRecord = { id: string; order: number };

/**
 * Which stored outbox records are in which state, from four key listings and no record read, however many records
 * there are (delivered ones are kept a day, failed ones 7 days): the records' keys, the lane index (every unfinished
 * record), the pending index and the failed index (outboxStore.ts writes each entry in the batch that changes the
 * record's state).
 *
 * Where an index and the records disagree (a crash between the writes of one batch on Azure, or a change made while
 * the listings ran), the records' keys and the lane index decide: an entry whose record is gone counts for nothing,
 * and a failed entry of a record in the lane index counts as unfinished.
 */
export interface StoredStates {
  /** Queued or pending (whichever the record says), in acceptance order. */
  unfinished: IndexedRecord[];
  /** Those of `unfinished` the pending index names: pending, unless the entry is stale (read the record to know). */
  parked: IndexedRecord[];
  /** In acceptance order. */
  failed: IndexedRecord[];
  /** Ids of every other record (their order is known only from the record). */
  delivered: string[];
}

export async function storedStates(store: OutboxStore): Promise<StoredStates> {
  const [ids, lanes, parked, failed] = await Promise.all([store.recordIds(), store.lanes.all(), store.parkedIds(), store.failedEntries()]);
  const stored = new Set(ids);
  const unfinished = lanes.filter((entry) => stored.has(entry.id)).map(({ id, order }) => ({ id, order }));
  const open = new Set(unfinished.map((entry) => entry.id));
  const finished = failed.filter((entry) => stored.has(entry.id) && !open.has(entry.id)).sort(byOrder);
  const failedIds = new Set(finished.map((entry) => entry.id));
  return {
    unfinished,
    parked: unfinished.filter((entry) => parked.has(entry.id)),
    failed: finished,
    delivered: ids.filter((id) => !open.has(id) && !failedIds.has(id)),
  };
}
