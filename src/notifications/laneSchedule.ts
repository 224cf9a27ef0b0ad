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
  /**
   * Failed before and waiting for its retry. Such an item does not hold its lane: the items behind it go ahead, and
   * once one of them is delivered it is not tried again (the outbox marks it failed, superseded).
   */
  retrying: boolean;
}

interface Lane {
  /** In `order`. */
  items: ScheduledItem[];
  busy: boolean;
}

/**
 * Which outbox items may run now. Per lane, one item at a time: the first item that holds the lane (not yet tried, or
 * parked) and, before it, items waiting for a retry, each when due. Across lanes, lanes are offered in the order they
 * became ready (oldest work first). In memory only; rebuilt from storage on start.
 *
 * Every operation costs in proportion to one lane's items (a few), not to all items: with thousands queued, a
 * delivery that finishes must not rescan them all. Not-yet-due work sits in a heap by due time.
 */
export class LaneSchedule {
  private readonly items = new Map<string, ScheduledItem>();
  private readonly lanes = new Map<string, Lane>();
  /** Lanes with an item that may run now, in the order they became ready. */
  private readonly ready = new Set<string>();
  /** Lanes whose next item is not due yet, by due time; entries are checked against the lane when they come up. */
  private readonly waiting = new DueHeap();
  /** Lanes with an item that will run without waiting for an installation (now or later). */
  private readonly working = new Set<string>();

  /** `now`: the outbox's clock, in epoch ms. */
  constructor(private readonly now: () => number) {}

  put(item: ScheduledItem): void {
    const previous = this.items.get(item.id);
    if (previous) this.remove(previous);
    this.items.set(item.id, item);
    const lane = this.lanes.get(item.lane) ?? { items: [], busy: false };
    this.lanes.set(item.lane, lane);
    insertInOrder(lane.items, item);
    this.evaluate(item.lane, this.now());
  }

  get(id: string): ScheduledItem | undefined {
    return this.items.get(id);
  }

  ids(): string[] {
    return [...this.items.keys()];
  }

  /** The items of a lane before `order` that wait for a retry (superseded once a later item is delivered). */
  retryingBefore(lane: string, order: number): ScheduledItem[] {
    return (this.lanes.get(lane)?.items ?? []).filter((item) => item.order < order && item.retrying);
  }

  delete(id: string): void {
    const item = this.items.get(id);
    if (!item) return;
    this.remove(item);
    this.evaluate(item.lane, this.now());
  }

  clear(): void {
    this.items.clear();
    this.lanes.clear();
    this.ready.clear();
    this.waiting.clear();
    this.working.clear();
  }

  count(status: ScheduledItem['status']): number {
    let n = 0;
    for (const item of this.items.values()) if (item.status === status) n++;
    return n;
  }

  /** Whether some lane has work that will run without waiting for an installation (now or when due). */
  hasWork(): boolean {
    return this.working.size > 0;
  }

  setBusy(lane: string, busy: boolean): void {
    const state = this.lanes.get(lane);
    if (!state) return;
    state.busy = busy;
    this.evaluate(lane, this.now());
  }

  /** Up to `slots` items that may start at `now` (one per lane), and when the next waiting item falls due. */
  runnable(now: number, slots: number): { ready: ScheduledItem[]; nextDueAt: number | null } {
    for (let lane = this.waiting.popDue(now); lane !== null; lane = this.waiting.popDue(now)) this.evaluate(lane, now);
    const ready: ScheduledItem[] = [];
    for (const name of this.ready) {
      if (ready.length >= slots) break;
      const next = this.nextOf(this.lanes.get(name), now);
      if (next?.dueAt !== undefined && next.dueAt <= now) ready.push(next);
    }
    return { ready, nextDueAt: this.nextDueAt() };
  }

  private nextDueAt(): number | null {
    for (;;) {
      const top = this.waiting.peek();
      if (!top) return null;
      // A stale entry (the lane changed since): drop it and look again.
      if (this.laneDueAt(top.lane) === top.dueAt) return top.dueAt;
      this.waiting.pop();
    }
  }

  private remove(item: ScheduledItem): void {
    this.items.delete(item.id);
    const lane = this.lanes.get(item.lane);
    if (!lane) return;
    lane.items = lane.items.filter((other) => other.id !== item.id);
    if (lane.items.length === 0 && !lane.busy) this.lanes.delete(item.lane);
  }

  /** Files the lane under ready, waiting or neither, after anything about it changed. */
  private evaluate(name: string, now: number): void {
    const lane = this.lanes.get(name);
    if (lane && lane.items.length === 0 && !lane.busy) this.lanes.delete(name);
    const next = this.nextOf(lane, Number.POSITIVE_INFINITY);
    if (next) this.working.add(name);
    else this.working.delete(name);
    // A lane that stays ready keeps its place in the queue.
    if (next && !lane?.busy && this.nextOf(lane, now)) this.ready.add(name);
    else {
      this.ready.delete(name);
      const dueAt = this.laneDueAt(name);
      if (dueAt !== null) this.waiting.push({ lane: name, dueAt });
    }
  }

  /** The lane's next item that is due at `now`, oldest first; null when none is. */
  private nextOf(lane: Lane | undefined, now: number): ScheduledItem | null {
    for (const item of lane?.items ?? []) {
      if (item.status === 'queued' && item.dueAt <= now) return item;
      if (!item.retrying) return null;
    }
    return null;
  }

  /** When the lane's earliest runnable item falls due, or null (busy, or nothing that will run). */
  private laneDueAt(name: string): number | null {
    const lane = this.lanes.get(name);
    if (!lane || lane.busy) return null;
    let earliest: number | null = null;
    for (const item of lane.items) {
      if (item.status === 'queued') earliest = Math.min(earliest ?? item.dueAt, item.dueAt);
      if (!item.retrying) break;
    }
    return earliest;
  }
}

function insertInOrder(items: ScheduledItem[], item: ScheduledItem): void {
  let at = items.length;
  while (at > 0 && (items[at - 1] as ScheduledItem).order > item.order) at--;
  items.splice(at, 0, item);
}

/** A binary min-heap of lanes by due time. */
class DueHeap {
  private heap: Array<{ lane: string; dueAt: number }> = [];

  push(entry: { lane: string; dueAt: number }): void {
    this.heap.push(entry);
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.at(parent).dueAt <= this.at(i).dueAt) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  peek(): { lane: string; dueAt: number } | undefined {
    return this.heap[0];
  }

  pop(): { lane: string; dueAt: number } | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined || this.heap.length === 0) return top;
    this.heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.at(left).dueAt < this.at(smallest).dueAt) smallest = left;
      if (right < this.heap.length && this.at(right).dueAt < this.at(smallest).dueAt) smallest = right;
      if (smallest === i) return top;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  /** The lane of the earliest entry due at `now`, removed; null when none is due. */
  popDue(now: number): string | null {
    const top = this.peek();
    if (!top || top.dueAt > now) return null;
    this.pop();
    return top.lane;
  }

  clear(): void {
    this.heap = [];
  }

  private at(i: number): { lane: string; dueAt: number } {
    return this.heap[i] as { lane: string; dueAt: number };
  }

  private swap(i: number, j: number): void {
    [this.heap[i], this.heap[j]] = [this.heap[j] as { lane: string; dueAt: number }, this.heap[i] as { lane: string; dueAt: number }];
  }
}
