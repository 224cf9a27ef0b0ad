import type { Every } from '../core/every';
import type { Logger } from '../core/logger';
import { PeriodicJob } from '../core/periodicJob';

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
  /** Waits `ms` (an unref'd timer: it never keeps the process alive). */
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
  /** How often to look; a trim needs one whole quiet interval. */
  checkEveryMs?: number;
  /** After a quiet interval, how much longer the bot must stay quiet before a trim. */
  confirmMs?: number;
  /** Quiet: the event loop was busy less than this share of the last interval. */
  quietBelow?: number;
  /** Trim again only when resident memory grew at least this much since the lowest point after the last trim. */
  growthBytes?: number;
}

/**
 * Gives back the memory a burst of traffic left behind, once the bot is quiet again. Under load V8 grows its heap
 * (in the bench its young generation reached 128 MB, its old generation about four times what it held at its last
 * full collection) and keeps the pages; V8's own memory reducer would shrink it after a quiet spell, but in Node it
 * goes on judging the allocation rate by the burst and does not run (docs/deployment.md, "Memory"). So: once at
 * start, before the server listens (loading the modules is a burst too), and then every `checkEveryMs` if the event
 * loop was nearly idle and the process has grown by `growthBytes` since the last trim, one memory-reducing full
 * collection. Before a later one the bot must also stay quiet for `confirmMs` more, so a burst that has just begun
 * does not wait for it. It pauses the process (0.15–0.5 s in the bench), never runs under load, and runs once per burst.
 */
export class QuietHeapTrim extends PeriodicJob {
  private readonly confirmMs: number;
  private readonly quietBelow: number;
  private readonly growthBytes: number;
  /** The lowest resident memory since the last trim. */
  private baseline = 0;
  private started = false;

  constructor(private readonly options: QuietHeapTrimOptions) {
    super(options.every, options.checkEveryMs ?? 5_000);
    this.confirmMs = options.confirmMs ?? 250;
    this.quietBelow = options.quietBelow ?? 0.05;
    this.growthBytes = options.growthBytes ?? 32 * MB;
  }

  /** Trims now (call it before the server listens), then looks every `checkEveryMs`. */
  override start(): void {
    if (!this.options.collect || this.started) return;
    this.started = true;
    this.trim('started: heap trimmed');
    this.options.busyShare();
    super.start();
  }

  /** Stops looking; a look waiting to confirm the quiet then trims nothing. */
  override async stop(): Promise<void> {
    this.started = false;
    await super.stop();
  }

  /** One look: trims if the last interval and the `confirmMs` after it were quiet and the process has grown enough. */
  protected runOnce(): Promise<void> {
    return this.look();
  }

  private async look(): Promise<void> {
    if (!this.options.collect) return;
    const rss = this.options.rss();
    this.baseline = Math.min(this.baseline, rss);
    if (this.options.busyShare() >= this.quietBelow || rss - this.baseline < this.growthBytes) return;
    await this.options.sleep(this.confirmMs);
    if (!this.started || this.options.busyShare() >= this.quietBelow) return;
    this.trim('quiet after a burst: heap trimmed');
  }

  private trim(message: string): void {
    const before = this.options.rss();
    const started = performance.now();
    const cpu = process.cpuUsage();
    this.options.collect?.();
    const { user, system } = process.cpuUsage(cpu);
    this.baseline = this.options.rss();
    this.options.logger.info(
      {
        rssBeforeMb: Math.round(before / MB),
        rssAfterMb: Math.round(this.baseline / MB),
        ms: Math.round(performance.now() - started),
        cpuMs: Math.round((user + system) / 1000),
      },
      message,
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

/** A wait that never keeps the process alive. */
export function unrefSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
