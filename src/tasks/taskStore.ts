import { TASK_PREFIX, taskKey, userTasksPrefix } from '../core/storageKeys';
import { isActionable, type TaskSnapshot } from '../core/task';
import type { UserKey } from '../core/userKey';
import type { Storage, StorageChange, WriteOptions } from '../storage/storage';

/** How many card activity ids a snapshot remembers (the original card plus cards shown by `finish task 42`). */
const MAX_CARDS_PER_TASK = 5;
/** Snapshots read per storage call when pruning. */
const READ_CHUNK = 100;

export interface StoredSnapshot {
  snapshot: TaskSnapshot;
  eTag: string | undefined;
}

export interface UpdateOptions {
  /**
   * Changes of other keys, applied in the same `batch` after the snapshot (one transaction on SQLite); on their own
   * when no snapshot is written.
   */
  also?: StorageChange[];
  /**
   * The snapshot as the caller just read it: the base of the first attempt instead of a read (its eTag makes the write
   * conditional; a change since then costs a retry with a fresh read).
   */
  known?: StoredSnapshot | undefined;
  /** How durable what is written must be. */
  write?: WriteOptions;
}

/** Task snapshots per recipient: what the bot was told about each task it sent to each user. */
export class TaskStore {
  constructor(private readonly storage: Storage) {}

  async get(user: UserKey, taskId: number): Promise<StoredSnapshot | null> {
    const key = taskKey(user, taskId);
    const items = await this.storage.read([key]);
    const item = items[key];
    if (!item) return null;
    const { eTag, ...snapshot } = item;
    return { snapshot: snapshot as unknown as TaskSnapshot, eTag };
  }

  /** Snapshots for the ids in the given order; ids never sent to this user are returned in `missing`. */
  async getMany(user: UserKey, taskIds: number[]): Promise<{ found: StoredSnapshot[]; missing: number[] }> {
    const keys = taskIds.map((id) => taskKey(user, id));
    const items = await this.storage.read(keys);
    const found: StoredSnapshot[] = [];
    const missing: number[] = [];
    taskIds.forEach((id, i) => {
      const item = items[keys[i] ?? ''];
      if (!item) {
        missing.push(id);
        return;
      }
      const { eTag, ...snapshot } = item;
      found.push({ snapshot: snapshot as unknown as TaskSnapshot, eTag });
    });
    return { found, missing };
  }

  /** Writes the snapshot; with `eTag` only if nobody changed it since it was read (throws ETagConflictError). */
  async save(snapshot: TaskSnapshot, eTag?: string): Promise<void> {
    await this.storage.write({ [taskKey(snapshot.recipient, snapshot.task.ID)]: { ...snapshot, eTag: eTag ?? '*' } });
  }

  /**
   * Applies `change` to the stored snapshot with optimistic concurrency, retrying on conflicts.
   * `change` returns the new snapshot, or null to leave it as it is. Resolves to the snapshot as stored now (written,
   * or left as it was), null when there is none.
   */
  async update(
    user: UserKey,
    taskId: number,
    change: (current: TaskSnapshot) => TaskSnapshot | null,
    options: UpdateOptions = {},
  ): Promise<TaskSnapshot | null> {
    const { also = [], known, write } = options;
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = attempt === 0 && known ? known : await this.get(user, taskId);
      const next = stored ? change(stored.snapshot) : null;
      if (!stored || !next) {
        if (also.length > 0) await this.storage.batch(also, write);
        return stored?.snapshot ?? null;
      }
      if (await this.saveWith(next, stored.eTag, also, write)) return next;
    }
    throw new Error(`Task ${taskId}: too many concurrent updates`);
  }

  /** The snapshot written with `eTag`, then `also`, in one `batch`; false (nothing written) when the snapshot changed since it was read. */
  private async saveWith(
    snapshot: TaskSnapshot,
    eTag: string | undefined,
    also: StorageChange[],
    write: WriteOptions | undefined,
  ): Promise<boolean> {
    const item = { ...snapshot, eTag: eTag ?? '*' };
    return (await this.storage.batch([{ op: 'write', key: taskKey(snapshot.recipient, snapshot.task.ID), item }, ...also], write)) > 0;
  }

  /** Remembers a card showing the task; resolves to the snapshot as stored now (null: the task was never sent to the user). */
  async addCard(user: UserKey, taskId: number, activityId: string): Promise<TaskSnapshot | null> {
    return this.update(user, taskId, (s) =>
      s.cardActivityIds.includes(activityId)
        ? null
        : { ...s, cardActivityIds: [...s.cardActivityIds, activityId].slice(-MAX_CARDS_PER_TASK) },
    );
  }

  /**
   * Deletes the snapshots of tasks that are not open (nor deferred) and have not changed since `notAfter` (the retention is the
   * caller's, see closedTaskPruning.ts); open tasks are kept whatever their age. Resolves to how many were deleted.
   */
  async pruneNotOpen(notAfter: Date): Promise<number> {
    const keys = await this.storage.list(TASK_PREFIX);
    let deleted = 0;
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const items = await this.storage.read(keys.slice(i, i + READ_CHUNK));
      const expired = Object.entries(items)
        .filter(([, item]) => isExpired(item as unknown as TaskSnapshot, notAfter))
        .map(([key]) => key);
      if (expired.length === 0) continue;
      // Read again just before deleting: a task assigned again meanwhile is open, and stays.
      const still = await this.storage.read(expired);
      const gone = expired.filter((key) => still[key] && isExpired(still[key] as unknown as TaskSnapshot, notAfter));
      if (gone.length > 0) await this.storage.delete(gone);
      deleted += gone.length;
    }
    return deleted;
  }

  /** Every snapshot stored for the user. */
  async listForUser(user: UserKey): Promise<TaskSnapshot[]> {
    const keys = await this.storage.list(userTasksPrefix(user));
    if (keys.length === 0) return [];
    const items = await this.storage.read(keys);
    return Object.values(items).map(({ eTag: _eTag, ...snapshot }) => snapshot as unknown as TaskSnapshot);
  }
}

function isExpired(snapshot: TaskSnapshot, notAfter: Date): boolean {
  const changed = Date.parse(snapshot.updatedAt);
  return !isActionable(snapshot.state) && !Number.isNaN(changed) && changed <= notAfter.getTime();
}
