import type { DatabaseSync } from 'node:sqlite';
import type { Statements } from './sqliteStatements';

interface Unit {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: the mutating calls made in one turn of the event loop share one transaction, so one commit (one
 * fsync, with `synchronous = FULL`) stands for all of them. `node:sqlite` is synchronous and an fsync blocks the event
 * loop while it runs, so committing per call would let the disk's sync time bound how many calls a second the whole
 * process makes; sixteen webhooks answered in one turn now cost one fsync instead of sixteen.
 *
 * Each call runs inside a savepoint of the shared transaction, so a call that throws undoes only its own changes;
 * its caller's promise settles only after the transaction committed, so nothing is answered before it is durable.
 * The calls run in the order they were made, as if each had its own transaction one after the other. If the commit
 * itself fails, every call of the group is rejected and nothing of it was stored.
 */
export class GroupCommit {
  private queue: Unit[] = [];
  private scheduled = false;
  private commitCount = 0;

  constructor(
    private readonly db: DatabaseSync,
    private readonly statements: Statements,
  ) {}

  /** Runs `work` in the next shared transaction; resolves to what it returned once that transaction committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn (and their promise continuations) have queued their calls.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now (also called before the database closes). */
  flush(): void {
    this.scheduled = false;
    const units = this.queue;
    this.queue = [];
    if (units.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.commit(units);
    } catch (error) {
      for (const unit of units) unit.reject(error);
      return;
    }
    units.forEach((unit, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
  }

  /** Transactions committed so far (each one fsync). */
  get commits(): number {
    return this.commitCount;
  }

  private commit(units: Unit[]): Outcome[] {
    const { begin, commit, rollback, savepoint, release, rollbackToSavepoint } = this.statements;
    begin.run();
    try {
      const outcomes = units.map((unit): Outcome => {
        savepoint.run();
        try {
          const value = unit.work();
          release.run();
          return { ok: true, value };
        } catch (error) {
          rollbackToSavepoint.run();
          release.run();
          return { ok: false, error };
        }
      });
      commit.run();
      this.commitCount++;
      return outcomes;
    } catch (error) {
      if (this.db.isOpen && this.db.isTransaction) rollback.run();
      throw error;
    }
  }
}
