import type { Every } from '../../src/core/every';

/** Periodic work driven by hand: `tick()` runs what is scheduled. */
export class ManualEvery {
  readonly scheduled: Array<{ ms: number; fn: () => void; stopped: boolean }> = [];
  readonly every: Every = (ms, fn) => {
    const entry = { ms, fn, stopped: false };
    this.scheduled.push(entry);
    return () => (entry.stopped = true);
  };
  tick(): void {
    for (const entry of this.scheduled) if (!entry.stopped) entry.fn();
  }
}
