import type { Clock } from '../core/clock';
import type { Every } from '../core/every';
import type { Logger } from '../core/logger';
import { PeriodicJob } from '../core/periodicJob';
import type { TaskStore } from './taskStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long the bot keeps the snapshot of a task that is no longer open (finished, deferred, closed elsewhere or
 * unavailable), counted from its last change: long enough for the cards of the past weeks to answer a click from
 * the recorded outcome; after it, `finish task 42` answers that the bot has no such task.
 */
export const CLOSED_TASK_RETENTION_MS = 30 * DAY_MS;

/** How often the snapshots are looked at (and once at start). Every instance does it; deleting twice is harmless. */
export const CLOSED_TASK_PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

export interface ClosedTaskPruningDeps {
  tasks: TaskStore;
  clock: Clock;
  every: Every;
  logger: Logger;
}

/** Deletes the snapshots of tasks that stopped being open more than CLOSED_TASK_RETENTION_MS ago, periodically. */
export class ClosedTaskPruning extends PeriodicJob {
  constructor(private readonly deps: ClosedTaskPruningDeps) {
    super(deps.every, CLOSED_TASK_PRUNE_EVERY_MS);
  }

  /** One pass; failures are logged and the next pass tries again. */
  protected async runOnce(): Promise<void> {
    const notAfter = new Date(this.deps.clock.now().getTime() - CLOSED_TASK_RETENTION_MS);
    try {
      const deleted = await this.deps.tasks.pruneNotOpen(notAfter);
      if (deleted > 0) this.deps.logger.info({ deleted }, 'snapshots of closed tasks pruned');
    } catch (err) {
      this.deps.logger.warn({ err }, 'pruning the snapshots of closed tasks failed; will try again');
    }
  }
}
