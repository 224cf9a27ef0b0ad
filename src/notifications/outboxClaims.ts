import type { Clock } from '../core/clock';
import type { Every } from '../core/every';
import type { Logger } from '../core/logger';
import { byOrder, type LaneEntry } from './laneIndex';
import type { OutboxRecord, OutboxStore, VersionedRecord } from './outboxStore';
import { isClaimable, isDue, isRetrying, isUnfinished, leasedByOther, withLease } from './recordLifecycle';

/**
 * What a delivery attempt may do with an item:
 * - `claimed`: this instance delivers it. `eTag` is the stored record's (the outcome is written only if it still holds),
 *   `ahead` the items of its lane before it that wait for a retry: superseded if this one is delivered;
 * - `track`: not now; schedule these records (the item as stored, and unfinished items ahead of it in its lane);
 * - `drop`: forget the item here: it is gone, or another instance is delivering its lane and carries on with it.
 */
export type Claim = Claimed | { kind: 'track'; records: OutboxRecord[] } | { kind: 'drop' };
export type Claimed = { kind: 'claimed'; record: OutboxRecord; eTag: string; ahead: VersionedRecord[] };

/** How an outbox takes items for delivery and records their outcomes (one of the two classes below). */
export interface DeliveryClaims {
  claim(id: string): Promise<Claim>;
  /** Records the outcome of a claimed delivery; false (nothing written) when the claim was lost meanwhile. */
  finish(next: OutboxRecord, claimed: Claimed): Promise<boolean>;
  /** Keeps the claim alive while a delivery runs; `stop()` ends that and waits for a renewal in progress. */
  keepLeased(id: string, every: Every): { stop(): Promise<void> };
  /** Unfinished items of the record's lane besides it that this instance may not know of yet. */
  laneRest(record: OutboxRecord): Promise<OutboxRecord[]>;
}

export interface LeaseTimes {
  /** How long a claim holds without renewal: after this, another instance may take a crashed instance's item over. */
  durationMs: number;
  /** Renewal while a delivery runs (Teams rate-limit waits and retries can take a while). */
  renewEveryMs: number;
}

/**
 * With several instances, one that dies mid-delivery leaves its items leased: another takes them over at its first
 * rescan after the lease ran out, so within `durationMs` + the rescan interval (outbox.ts) of the last renewal:
 * 15 s + 10 s = 25 s. Three renewals fit in a lease, so one slow or failed storage call does not lose it.
 */
export const DEFAULT_LEASE: LeaseTimes = { durationMs: 15_000, renewEveryMs: 5_000 };

/**
 * The protocol between bot instances over shared storage (Azure): an instance delivers a record only after claiming
 * it with an eTag-checked write (owner + lease end), and records the outcome only while it still holds that claim, so
 * two instances never both deliver one item unless a lease ran out mid-delivery. A lane's items go out in order across
 * instances: an item waits while an earlier one of its lane holds the lane (one listing of the lane's index entries),
 * and whoever finishes an item carries on with the rest of its lane.
 */
export class SharedClaims implements DeliveryClaims {
  constructor(
    private readonly store: OutboxStore,
    private readonly deps: { owner: string; lease: LeaseTimes; clock: Clock; logger: Logger },
  ) {}

  async claim(id: string): Promise<Claim> {
    const [found] = await this.store.readVersioned([id]);
    if (!found) return { kind: 'drop' };
    const now = this.deps.clock.now();
    if (!isClaimable(found.record, this.deps.owner, now)) return { kind: 'track', records: [found.record] };
    const ahead = await this.unfinishedAhead(found.record);
    if (ahead.some((r) => leasedByOther(r.record, this.deps.owner, now))) return { kind: 'drop' };
    if (ahead.some((r) => !isRetrying(r.record))) return { kind: 'track', records: [...ahead.map((r) => r.record), found.record] };
    const claimed = withLease(found.record, this.deps.owner, this.leaseEnd());
    if (await this.store.replaceRecord(claimed, found.eTag)) return { kind: 'claimed', record: claimed, eTag: '', ahead };
    // Another instance claimed, finished or released it first: go by what is stored now.
    const latest = await this.store.readRecord(id);
    return latest ? { kind: 'track', records: [latest] } : { kind: 'drop' };
  }

  /** The eTag of the claim write is not known (renewals change it too): the record is read to check the owner. */
  async finish(next: OutboxRecord, _claimed: Claimed): Promise<boolean> {
    const [found] = await this.store.readVersioned([next.id]);
    if (found?.record.lease?.owner !== this.deps.owner) return false;
    return this.store.finishRecord(next, found.eTag);
  }

  keepLeased(id: string, every: Every): { stop(): Promise<void> } {
    let renewing: Promise<void> = Promise.resolve();
    const cancel = every(this.deps.lease.renewEveryMs, () => {
      renewing = renewing.then(() => this.renew(id));
    });
    return {
      stop: async () => {
        cancel();
        await renewing;
      },
    };
  }

  async laneRest(record: OutboxRecord): Promise<OutboxRecord[]> {
    const entries = (await this.store.lanes.inLane(record.lane)).filter((entry) => entry.id !== record.id);
    return (await unfinishedOf(this.store, entries)).map((r) => r.record);
  }

  private async unfinishedAhead(record: OutboxRecord): Promise<VersionedRecord[]> {
    const entries = await this.store.lanes.inLane(record.lane);
    return unfinishedOf(
      this.store,
      entries.filter((entry) => entry.id !== record.id && byOrder(entry, record) < 0),
    );
  }

  private async renew(id: string): Promise<void> {
    try {
      const [found] = await this.store.readVersioned([id]);
      if (found?.record.lease?.owner !== this.deps.owner) return;
      if (!(await this.store.replaceRecord(withLease(found.record, this.deps.owner, this.leaseEnd()), found.eTag))) {
        this.deps.logger.warn(
          { id: found.record.answerId },
          'outbox lease could not be renewed: another instance changed the notification',
        );
      }
    } catch (err) {
      this.deps.logger.warn({ err, id }, 'outbox lease renewal failed; will try again');
    }
  }

  private leaseEnd(): Date {
    return new Date(this.deps.clock.now().getTime() + this.deps.lease.durationMs);
  }
}

/**
 * The outbox is the only one on its storage (the embedded store admits one process): its schedule in memory knows
 * every unfinished item and only starts an item when its lane lets it, so a claim is one read (the item and the items
 * ahead of it that wait for a retry), no lease is written, and an outcome is one conditional write. A restarted
 * process resumes at once whatever its predecessor was delivering.
 */
export class SoleClaims implements DeliveryClaims {
  constructor(
    private readonly store: OutboxStore,
    private readonly deps: { clock: Clock; retryingAhead: (record: { id: string }) => string[] },
  ) {}

  async claim(id: string): Promise<Claim> {
    const found = await this.store.readVersioned([id, ...this.deps.retryingAhead({ id })]);
    const item = found.find((r) => r.record.id === id);
    if (!item) return { kind: 'drop' };
    if (!isDue(item.record, this.deps.clock.now())) return { kind: 'track', records: [item.record] };
    const ahead = found.filter((r) => r !== item && isRetrying(r.record));
    return { kind: 'claimed', record: item.record, eTag: item.eTag, ahead };
  }

  finish(next: OutboxRecord, claimed: Claimed): Promise<boolean> {
    return this.store.finishRecord(next, claimed.eTag);
  }

  keepLeased(): { stop(): Promise<void> } {
    return { stop: () => Promise.resolve() };
  }

  laneRest(): Promise<OutboxRecord[]> {
    return Promise.resolve([]);
  }
}

/**
 * Every unfinished stored item (a rescan: one listing of the lane index) and the records of those `known` does not
 * name, in order; removes index entries of finished or deleted records.
 */
export async function unfinishedItems(
  store: OutboxStore,
  known: (id: string) => boolean,
): Promise<{ ids: Set<string>; records: OutboxRecord[] }> {
  const entries = await store.lanes.all();
  const unknown = entries.filter((entry) => !known(entry.id));
  return { ids: new Set(entries.map((e) => e.id)), records: (await unfinishedOf(store, unknown)).map((r) => r.record) };
}

async function unfinishedOf(store: OutboxStore, entries: LaneEntry[]): Promise<VersionedRecord[]> {
  if (entries.length === 0) return [];
  const records = new Map((await store.readVersioned(entries.map((e) => e.id))).map((r) => [r.record.id, r]));
  const stale = entries.filter((entry) => {
    const found = records.get(entry.id);
    return !found || !isUnfinished(found.record);
  });
  // A failed record keeps a lane entry only when its outcome's batch stopped part-way (Azure): its failed entry may be
  // missing too, and without it the record would count as delivered and be missing from the failed listing.
  await store.indexFailed(stale.flatMap((entry) => records.get(entry.id)?.record ?? []).filter((record) => record.status === 'failed'));
  await store.lanes.removeEntries(stale);
  return [...records.values()].filter((r) => isUnfinished(r.record)).sort((a, b) => byOrder(a.record, b.record));
}
