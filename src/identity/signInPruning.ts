import type { Every } from '../core/every';
import type { Logger } from '../core/logger';

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
export class SignInPruning {
  private stopTimer: (() => void) | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: { parts: Record<string, Prunable>; every: Every; logger: Logger }) {}

  start(): void {
    if (this.stopTimer) return;
    this.stopTimer = this.deps.every(SIGN_IN_PRUNE_EVERY_MS, () => void this.pruneNow());
    void this.pruneNow();
  }

  async stop(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = null;
    await this.running;
  }

  /** One pass over every part; a failure is logged and the next pass tries again. */
  pruneNow(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
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
