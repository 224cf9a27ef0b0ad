import type { Every } from '../core/every';
import type { Logger } from '../core/logger';

const MB = 1024 * 1024;

export interface QuietHeapTrimOptions {
  /**
   * V8's memory-reducing full collection, which also hands freed heap pages back to the operating system:
   * `gc({ type: 'major', flavor: 'last-resort' })`, available when Node runs with `--expose-gc` (the image's start
   * command). Null: the trim is off.
   */
  collect: (() => void) | null;
  /** The process's resident memory in bytes (`process.memoryUsage.rss`). */
  rss: () => number;
  /** The share of the time since the last call that the event loop was busy, 0–1 (`performance.eventLoopUtilization`). */
  busyShare: () => number;
  every: Every;
  logger: Logger;
  /** How often to look; a trim needs one whole quiet interval. */
  checkEveryMs?: number;
  /** Quiet: the event loop was busy less than this share of the last interval. */
  quietBelow?: number;
  /** After the first trim, trim again only when resident memory grew at least this much since the lowest point seen. */
  growthBytes?: number;
}

/**
 * Gives back the memory a burst of traffic left behind, once the bot is quiet again. Under load V8 grows its heap
 * (in the bench its young generation reached 128 MB, its old generation about four times what it held at its last
 * full collection) and keeps the pages; V8's own memory reducer would shrink it after a quiet spell, but in Node it
 * goes on judging the allocation rate by the burst and does not run (docs/deployment.md, "Memory"). So: every
 * `checkEveryMs`, if the event loop was nearly idle and the process has grown by `growthBytes` since the last trim
 * (or was never trimmed: loading the modules at start is a burst too), one memory-reducing full collection. It
 * pauses the process (0.3–1 s in the bench, see docs/deployment.md), never runs under load, and runs once per burst.
 */
export class QuietHeapTrim {
  private readonly checkEveryMs: number;
  private readonly quietBelow: number;
  private readonly growthBytes: number;
  /** The lowest resident memory since the last trim; null before the first (loading the modules is a burst too). */
  private baseline: number | null = null;
  private stopTimer: (() => void) | null = null;

  constructor(private readonly options: QuietHeapTrimOptions) {
    this.checkEveryMs = options.checkEveryMs ?? 5_000;
    this.quietBelow = options.quietBelow ?? 0.05;
    this.growthBytes = options.growthBytes ?? 32 * MB;
  }

  start(): void {
    if (!this.options.collect || this.stopTimer) return;
    this.options.busyShare();
    this.stopTimer = this.options.every(this.checkEveryMs, () => this.check());
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  /** One look: trims if the last interval was quiet and the process has grown enough. */
  check(): void {
    const collect = this.options.collect;
    if (!collect) return;
    const busy = this.options.busyShare();
    const before = this.options.rss();
    if (this.baseline !== null) this.baseline = Math.min(this.baseline, before);
    if (busy >= this.quietBelow) return;
    if (this.baseline !== null && before - this.baseline < this.growthBytes) return;
    const started = performance.now();
    const cpu = process.cpuUsage();
    collect();
    const { user, system } = process.cpuUsage(cpu);
    const after = this.options.rss();
    this.baseline = after;
    this.options.logger.info(
      {
        rssBeforeMb: Math.round(before / MB),
        rssAfterMb: Math.round(after / MB),
        ms: Math.round(performance.now() - started),
        cpuMs: Math.round((user + system) / 1000),
      },
      'quiet after a burst: heap trimmed',
    );
  }
}

/** The memory-reducing collection, if Node runs with `--expose-gc`; null otherwise. */
export function exposedCollect(): (() => void) | null {
  const gc = (globalThis as { gc?: (options: { type: 'major'; flavor: 'last-resort' }) => void }).gc;
  return gc ? () => gc({ type: 'major', flavor: 'last-resort' }) : null;
}

/** The event loop's busy share since the previous call. */
export function eventLoopBusyShare(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const share = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    return share;
  };
}
