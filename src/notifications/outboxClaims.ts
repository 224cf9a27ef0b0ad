import type { Clock } from '../core/clock';
import type { Every } from '../core/every';
import type { Logger } from '../core/logger';
import { byOrder, type LaneEntry } from './laneIndex';
import type { OutboxRecord, OutboxStore } from './outboxStore';
import { isClaimable, isUnfinished, leasedByOther, withLease } from './recordLifecycle';

/**
 * What a delivery attempt may do with an item:
 * - `claimed`: this instance holds the lease and delivers it;
 * - `track`: not now; schedule these records (the item as stored, and unfinished items ahead of it in its lane);
 * - `drop`: forget the item here: it is gone, or another instance is delivering its lane and carries on with it.
 */
export type Claim = { kind: 'claimed'; record: OutboxRecord } | { kind: 'track'; records: OutboxRecord[] } | { kind: 'drop' };

export interface LeaseTimes {
  /** How long a claim holds without renewal: after this, another instance may take a crashed instance's item over. */
  durationMs: number;
  /** Renewal while a delivery runs (Teams rate-limit waits and retries can take minutes). */
  renewEveryMs: number;
}

export const DEFAULT_LEASE: LeaseTimes = { durationMs: 120_000, renewEveryMs: 40_000 };

/**
 * The outbox's protocol between bot instances over shared storage: an instance delivers a record only after claiming
 * it with an eTag-checked write (owner + lease end), and records the outcome only while it still holds that claim, so
 * two instances never both deliver one item unless a lease ran out mid-delivery. A lane's items go out in order across
 * instances: an item waits while an earlier one of its lane is unfinished, and whoever finishes an item carries on with
 * the rest of its lane.
 */
export class OutboxClaims {
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
    if (ahead.some((r) => leasedByOther(r, this.deps.owner, now))) return { kind: 'drop' };
    if (ahead.length > 0) return { kind: 'track', records: [...ahead, found.record] };
    const claimed = withLease(found.record, this.deps.owner, this.leaseEnd());
    if (await this.store.replaceRecord(claimed, found.eTag)) return { kind: 'claimed', record: claimed };
    // Another instance claimed, finished or released it first: go by what is stored now.
    const latest = await this.store.readRecord(id);
    return latest ? { kind: 'track', records: [latest] } : { kind: 'drop' };
  }

  /**
   * Records the outcome of a delivery this instance claimed. False (nothing written) when the claim was lost: the lease
   * ran out and another instance took the item over.
   */
  async finish(next: OutboxRecord, wasPending = false): Promise<boolean> {
    const [found] = await this.store.readVersioned([next.id]);
    if (found?.record.lease?.owner !== this.deps.owner) return false;
    if (!(await this.store.replaceRecord(next, found.eTag, wasPending))) return false;
    if (!isUnfinished(next)) await this.store.lanes.remove([next]);
    return true;
  }

  /** Extends the lease while a delivery runs; `stop()` ends the renewals and waits for one in progress. */
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

  /** The unfinished items of the record's lane other than the record itself: who finishes an item carries on with them. */
  async laneRest(record: OutboxRecord): Promise<OutboxRecord[]> {
    const entries = (await this.store.lanes.inLane(record.lane)).filter((entry) => entry.id !== record.id);
    return this.unfinishedOf(entries);
  }

  /** Every unfinished item, in order (the periodic rescan); removes index entries of finished or deleted records. */
  async unfinished(): Promise<OutboxRecord[]> {
    return this.unfinishedOf(await this.store.lanes.all());
  }

  private async unfinishedAhead(record: OutboxRecord): Promise<OutboxRecord[]> {
    const entries = await this.store.lanes.inLane(record.lane);
    return this.unfinishedOf(entries.filter((entry) => entry.id !== record.id && byOrder(entry, record) < 0));
  }

  private async unfinishedOf(entries: LaneEntry[]): Promise<OutboxRecord[]> {
    if (entries.length === 0) return [];
    const records = new Map((await this.store.readRecords(entries.map((e) => e.id))).map((r) => [r.id, r]));
    const stale = entries.filter((entry) => {
      const record = records.get(entry.id);
      return !record || !isUnfinished(record);
    });
    await this.store.lanes.removeEntries(stale);
    return [...records.values()].filter(isUnfinished).sort(byOrder);
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
