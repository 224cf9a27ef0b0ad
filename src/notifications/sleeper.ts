/** setTimeout fires at once for delays above 2^31−1 ms; a capped sleep just wakes early and the caller re-checks. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type Sleep = (ms: number) => Promise<void>;

/**
 * setTimeout-based sleeps that can all be ended at once, so a stopping component leaves no timer behind (jest and a
 * graceful shutdown both wait for open timers). `cancelAll` resolves the pending sleeps early; callers re-check
 * whether they are still running when they wake.
 */
export class Sleeper {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  readonly sleep: Sleep = (ms) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => {
          this.pending.delete(timer);
          resolve();
        },
        Math.min(MAX_TIMER_MS, Math.max(0, ms)),
      );
      this.pending.set(timer, resolve);
    });

  cancelAll(): void {
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
  }
}
