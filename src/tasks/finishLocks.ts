import type { Clock } from '../core/clock';
import { finishLockKey } from '../core/storageKeys';
import type { UserKey } from '../core/userKey';
import { ETagConflictError, type Storage, type StorageChange, type WriteOptions } from '../storage/storage';

/**
 * The click's own writes, the lock taken before the POST and the outcome written with the lock's release, survive a
 * killed process but not necessarily a power cut (docs/deployment.md, "Durability"); they are the only writes that
 * skip the fsync. What a power cut can cost: a lost lock or outcome lets a later click post again, and DigiOffice
 * refuses a task that is already finished, which the bot records as finished (`isAlreadyFinished`,
 * docs/digioffice-contract.md). A later fsynced commit (any other write) makes them durable too.
 */
export const CLICK_WRITES: WriteOptions = { durability: 'process-crash' };

/** A lock older than this is from a crashed attempt: another click may take it over. */
export const STALE_LOCK_MS = 10 * 60 * 1000;

/**
 * The per-task locks that make one click one POST, across bot instances sharing storage: a lock is created only if
 * absent (`Storage.create`), held while DigiOffice is called and the outcome recorded, and released afterwards —
 * the recorded outcome (the snapshot's state) then answers every later click. A lock left by a crashed attempt is
 * taken over after STALE_LOCK_MS with a conditional (eTag) write, so only one taker wins.
 */
export class FinishLocks {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  /** Takes the lock of every task, or none (false when another attempt holds one of them). */
  async acquire(user: UserKey, taskIds: number[]): Promise<boolean> {
    const taken: number[] = [];
    for (const taskId of taskIds) {
      if (!(await this.acquireOne(user, taskId))) {
        await this.release(user, taken);
        return false;
      }
      taken.push(taskId);
    }
    return true;
  }

  async release(user: UserKey, taskIds: number[]): Promise<void> {
    if (taskIds.length > 0) await this.storage.delete(taskIds.map((id) => finishLockKey(user, id)));
  }

  /** `release` as changes, for a caller that writes them in one batch with the outcome the locks guarded. */
  releaseChanges(user: UserKey, taskIds: number[]): StorageChange[] {
    return taskIds.map((id) => ({ op: 'delete', key: finishLockKey(user, id) }));
  }

  /** Whether an attempt still holds the lock of one of the tasks. */
  async anyHeld(user: UserKey, taskIds: number[]): Promise<boolean> {
    return Object.keys(await this.storage.read(taskIds.map((id) => finishLockKey(user, id)))).length > 0;
  }

  private async acquireOne(user: UserKey, taskId: number): Promise<boolean> {
    const key = finishLockKey(user, taskId);
    const now = this.clock.now();
    const lock = { startedAt: now.toISOString() };
    if (await this.storage.create(key, lock, CLICK_WRITES)) return true;
    const existing = (await this.storage.read([key]))[key];
    if (!existing) return this.storage.create(key, lock, CLICK_WRITES);
    // A lock whose start cannot be read was not written by this code: it must not block the task for ever.
    const startedAt = typeof existing.startedAt === 'string' ? Date.parse(existing.startedAt) : Number.NaN;
    if (now.getTime() - startedAt <= STALE_LOCK_MS || existing.eTag === undefined) return false;
    try {
      await this.storage.write({ [key]: { ...lock, eTag: existing.eTag } });
      return true;
    } catch (err) {
      if (err instanceof ETagConflictError) return false;
      throw err;
    }
  }
}
