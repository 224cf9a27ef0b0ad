import type { Every } from '../core/every';
import type { Logger } from '../core/logger';
import { PeriodicJob } from '../core/periodicJob';

/** How often expired sign-in states, codes and attempt slots are deleted (and once at start). */
export const SIGN_IN_PRUNE_EVERY_MS = 15 * 60 * 1000;

/** Something that deletes its expired records and says how many. */
export interface Prunable {
  prune(): Promise<number>;
}

/**
 * Deletes what sign-in leaves behind once it has expired: links never used, codes never brought back (with their
 * waiting tokens) and attempt slots past their window. Reads delete expired records too; this catches the ones
 * nobody reads again. Every instance does it; deleting twice is harmless.
 */
export class SignInPruning extends PeriodicJob {
  constructor(private readonly deps: { parts: Record<string, Prunable>; every: Every; logger: Logger }) {
    super(deps.every, SIGN_IN_PRUNE_EVERY_MS);
  }

  /** One pass over every part; a failure is logged and the next pass tries again. */
  protected async runOnce(): Promise<void> {
    for (const [name, part] of Object.entries(this.deps.parts)) {
      try {
        const deleted = await part.prune();
        if (deleted > 0) this.deps.logger.info({ deleted, part: name }, 'expired sign-in records pruned');
      } catch (err) {
        this.deps.logger.warn({ err, part: name }, 'pruning expired sign-in records failed; will try again');
      }
    }
  }
}
