import type { Every } from './every';

/**
 * Work that runs once at start and then every `ms`, never twice at once (a run still going is joined, not
 * doubled). `runOnce` handles and logs its own failures.
 */
export abstract class PeriodicJob {
  private stopTimer: (() => void) | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly every: Every,
    private readonly ms: number,
  ) {}

  protected abstract runOnce(): Promise<void>;

  start(): void {
    if (this.stopTimer) return;
    this.stopTimer = this.every(this.ms, () => void this.runNow());
    void this.runNow();
  }

  /** Stops the schedule and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = null;
    await this.running;
  }

  /** One run now, or the one already going. */
  runNow(): Promise<void> {
    this.running ??= this.runOnce().finally(() => (this.running = null));
    return this.running;
  }
}
