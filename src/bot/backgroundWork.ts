import type { Logger } from '../core/logger';

/**
 * Work that outlives the turn that started it (a slow DigiOffice call finishing after the invoke was answered,
 * card refreshes for other views). Tracked so shutdown and tests can wait for it; failures are logged, never lost
 * silently.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /**
   * Starts `work` on the next turn of the event loop, not now: the answer of the turn that asks for it (an invoke's
   * card) is written first, without waiting for the work's synchronous start (drawing and sending other cards).
   */
  run(name: string, work: () => Promise<void>): void {
    const promise = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((err: unknown) => this.logger.error({ err, work: name }, 'background work failed'))
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolves when everything started so far (and anything it started) has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
