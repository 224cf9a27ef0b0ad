/** An unfinished outbox item as the scheduler sees it; the notification itself stays in storage. */
export interface ScheduledItem {
  id: string;
  /** Items of one lane (task + recipient) run one at a time, in `order`. */
  lane: string;
  order: number;
  /** A pending (parked) item holds its lane until released: what came after it must not overtake it. */
  status: 'queued' | 'pending';
  /** Epoch ms before which the item must not be tried (its persisted backoff). */
  dueAt: number;
}

/**
 * Which outbox items may run now: the first unfinished item of each lane that is not busy, is queued and is due,
 * oldest first. In memory only; rebuilt from storage on start and refreshed by the outbox's rescans.
 */
export class LaneSchedule {
  private readonly items = new Map<string, ScheduledItem>();
  private readonly busyLanes = new Set<string>();

  put(item: ScheduledItem): void {
    this.items.set(item.id, item);
  }

  get(id: string): ScheduledItem | undefined {
    return this.items.get(id);
  }

  ids(): string[] {
    return [...this.items.keys()];
  }

  delete(id: string): void {
    this.items.delete(id);
  }

  clear(): void {
    this.items.clear();
    this.busyLanes.clear();
  }

  count(status: ScheduledItem['status']): number {
    let n = 0;
    for (const item of this.items.values()) if (item.status === status) n++;
    return n;
  }

  /** Whether some lane has a queued head: work that will run without waiting for an installation. */
  hasWork(): boolean {
    return this.laneHeads().some((head) => head.status === 'queued');
  }

  setBusy(lane: string, busy: boolean): void {
    if (busy) this.busyLanes.add(lane);
    else this.busyLanes.delete(lane);
  }

  /** Up to `slots` items that may start at `now`, oldest first, and when the next waiting head falls due. */
  runnable(now: number, slots: number): { ready: ScheduledItem[]; nextDueAt: number | null } {
    const ready: ScheduledItem[] = [];
    let nextDueAt: number | null = null;
    for (const head of this.laneHeads()) {
      if (head.status !== 'queued' || this.busyLanes.has(head.lane)) continue;
      if (head.dueAt > now) nextDueAt = Math.min(nextDueAt ?? head.dueAt, head.dueAt);
      else if (ready.length < slots) ready.push(head);
    }
    return { ready, nextDueAt };
  }

  private laneHeads(): ScheduledItem[] {
    const heads = new Map<string, ScheduledItem>();
    for (const item of this.items.values()) {
      const head = heads.get(item.lane);
      if (!head || item.order < head.order) heads.set(item.lane, item);
    }
    return [...heads.values()].sort((a, b) => a.order - b.order);
  }
}
