import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { WriteStatements } from './sqliteStatements';
import {
  serializeError,
  type CallOutcome,
  type PreparedItem,
  type SyncLevel,
  type WriteCall,
  type WriteStep,
} from './sqliteWriterProtocol';

/**
 * The writer thread's side of group commit: the calls that reached the writer while its last commit ran share one
 * transaction, so one commit (one fsync with `synchronous = FULL`) stands for all of them.
 *
 * Each call runs inside a savepoint of the shared transaction, so a call that throws undoes only its own changes;
 * the main thread settles its caller's promise only after the transaction committed, so nothing is answered before it
 * is durable. The calls run in the order they were made, as if each had its own transaction one after the other. If
 * the commit itself fails, `commit` throws and nothing of the group was stored.
 */
export class GroupCommit {
  /** A fresh random prefix per open plus a counter: unique across restarts, cheaper than random bytes per write. */
  private readonly eTagPrefix = randomBytes(9).toString('base64url');
  private eTagCount = 0;
  private sync: SyncLevel | null = null;

  constructor(
    private readonly db: DatabaseSync,
    private readonly statements: WriteStatements,
  ) {}

  /** Runs the calls in one transaction committed at `sync`; each call's outcome, in order. */
  commit(sync: SyncLevel, calls: WriteCall[]): CallOutcome[] {
    const { begin, commit, rollback, savepoint, release, rollbackToSavepoint } = this.statements;
    this.setSync(sync);
    begin.run();
    try {
      const outcomes = calls.map((call): CallOutcome => {
        savepoint.run();
        try {
          const value = this.apply(call);
          release.run();
          return { ok: true, value };
        } catch (error) {
          rollbackToSavepoint.run();
          release.run();
          return { ok: false, error: serializeError(error) };
        }
      });
      commit.run();
      return outcomes;
    } catch (error) {
      if (this.db.isOpen && this.db.isTransaction) rollback.run();
      throw error;
    }
  }

  /**
   * `PRAGMA synchronous` applies to the next commits; it is set outside a transaction, only when it changes. Through
   * `exec`, not a prepared statement: SQLite applies this pragma when it compiles it, not when it runs.
   */
  private setSync(sync: SyncLevel): void {
    if (this.sync === sync) return;
    this.db.exec(`PRAGMA synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
    this.sync = sync;
  }

  private apply(call: WriteCall): unknown {
    switch (call.op) {
      case 'write':
        return call.items.filter((item) => !this.writeOne(item)).map((item) => item.key);
      case 'delete':
        for (const key of call.keys) this.statements.delete.run(key);
        return undefined;
      case 'create':
        return this.createOne(call.item);
      case 'batch': {
        const failed = call.steps.findIndex((step) => !this.step(step));
        return failed === -1 ? call.steps.length : failed;
      }
    }
  }

  /** False (nothing written) when the item's eTag does not match the stored one. */
  private writeOne({ key, eTag, value }: PreparedItem): boolean {
    if (eTag === undefined || eTag === '' || eTag === '*') {
      this.statements.upsert.run(key, this.nextETag(), value);
      return true;
    }
    return this.statements.updateIfMatch.run(this.nextETag(), value, key, eTag).changes === 1;
  }

  private step(step: WriteStep): boolean {
    if (step.op === 'write') return this.writeOne(step);
    if (step.op === 'create') return this.createOne(step);
    this.statements.delete.run(step.key);
    return true;
  }

  private createOne({ key, value }: PreparedItem): boolean {
    return this.statements.insertIfAbsent.run(key, this.nextETag(), value).changes === 1;
  }

  private nextETag(): string {
    this.eTagCount += 1;
    return `${this.eTagPrefix}.${this.eTagCount.toString(36)}`;
  }
}
