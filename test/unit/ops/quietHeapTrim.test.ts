import type { Logger } from '../../../src/core/logger';
import { exposedCollect, QuietHeapTrim } from '../../../src/ops/quietHeapTrim';
import { ManualEvery } from '../../helpers/manualEvery';

const MB = 1024 * 1024;

class RecordingLogger implements Logger {
  readonly infos: Array<{ obj: object; msg: string }> = [];
  debug(): void {}
  info(obj: object, msg: string): void {
    this.infos.push({ obj, msg });
  }
  warn(): void {}
  error(): void {}
  child(): Logger {
    return this;
  }
}

/**
 * A process whose resident memory and event-loop load the test sets (`busy`, or one value per look from `busyLooks`);
 * a collection brings it down to `afterCollectMb`.
 */
function fakeProcess(options: { rssMb: number; busy: number; afterCollectMb: number }) {
  const state = { ...options, busyLooks: [] as number[], collections: 0, slept: [] as number[] };
  return {
    state,
    collect: () => {
      state.collections++;
      state.rssMb = state.afterCollectMb;
    },
    rss: () => state.rssMb * MB,
    busyShare: () => state.busyLooks.shift() ?? state.busy,
    sleep: (ms: number) => {
      state.slept.push(ms);
      return Promise.resolve();
    },
  };
}

function trimWith(proc: ReturnType<typeof fakeProcess>, collect: (() => void) | null = proc.collect) {
  const ticker = new ManualEvery();
  const logger = new RecordingLogger();
  const trim = new QuietHeapTrim({ collect, rss: proc.rss, busyShare: proc.busyShare, every: ticker.every, sleep: proc.sleep, logger });
  /** Starts it and waits for the look that starting runs at once. */
  const start = async () => {
    trim.start();
    await trim.runNow();
  };
  /** Runs the scheduled look and waits for it. */
  const look = async () => {
    ticker.tick();
    await trim.runNow();
  };
  return { trim, ticker, logger, start, look };
}

describe('QuietHeapTrim', () => {
  it('trims at start (loading the modules grew the heap), then once the bot is quiet after it grew, and logs each', async () => {
    const proc = fakeProcess({ rssMb: 165, busy: 0.9, afterCollectMb: 120 });
    const { ticker, logger, start, look } = trimWith(proc);
    await start();
    expect(proc.state.collections).toBe(1);
    expect(ticker.scheduled.map((s) => s.ms)).toEqual([5_000]);

    proc.state.rssMb = 420; // a burst: busy, grown
    await look();
    expect(proc.state.collections).toBe(1);

    proc.state.busy = 0.01; // quiet again
    proc.state.afterCollectMb = 140;
    await look();
    expect(proc.state.collections).toBe(2);
    expect(proc.state.slept).toEqual([250]);
    const usage = { ms: expect.any(Number), cpuMs: expect.any(Number) };
    expect(logger.infos).toEqual([
      { obj: { rssBeforeMb: 165, rssAfterMb: 120, ...usage }, msg: 'started: heap trimmed' },
      { obj: { rssBeforeMb: 420, rssAfterMb: 140, ...usage }, msg: 'quiet after a burst: heap trimmed' },
    ]);

    proc.state.rssMb = 160; // quiet, but grown less than 32 MB since the trim
    await look();
    expect(proc.state.collections).toBe(2);

    proc.state.rssMb = 175; // 35 MB above the trim
    await look();
    expect(proc.state.collections).toBe(3);
  });

  it('never collects while the event loop is busy, however much the process grew', async () => {
    const proc = fakeProcess({ rssMb: 150, busy: 0.05, afterCollectMb: 140 });
    const { start, look } = trimWith(proc);
    await start();
    proc.state.rssMb = 900;
    for (let i = 0; i < 5; i++) await look();
    expect(proc.state.collections).toBe(1);
  });

  it('does not collect when a burst begins in the moment after a quiet interval', async () => {
    const proc = fakeProcess({ rssMb: 150, busy: 0, afterCollectMb: 140 });
    const { start, look } = trimWith(proc);
    await start();
    proc.state.rssMb = 400;
    proc.state.busyLooks = [0.01, 0.6];
    await look();
    expect(proc.state).toMatchObject({ collections: 1, slept: [250] });
  });

  it('measures growth from the lowest point it has seen, so memory freed by V8 itself does not hide a new burst', async () => {
    const proc = fakeProcess({ rssMb: 300, busy: 0.5, afterCollectMb: 130 });
    const { start, look } = trimWith(proc);
    await start();
    proc.state.rssMb = 100;
    await look();
    proc.state.rssMb = 140;
    proc.state.busy = 0;
    await look();
    expect(proc.state.collections).toBe(2);
  });

  it('does nothing, and schedules nothing, without a collection (Node started without --expose-gc)', async () => {
    const proc = fakeProcess({ rssMb: 150, busy: 0, afterCollectMb: 140 });
    const { trim, ticker, logger, start } = trimWith(proc, null);
    await start();
    proc.state.rssMb = 900;
    await trim.runNow();
    expect(ticker.scheduled).toEqual([]);
    expect(logger.infos).toEqual([]);
  });

  it('stops its schedule on stop, and a look waiting to confirm then does not collect', async () => {
    const proc = fakeProcess({ rssMb: 150, busy: 0, afterCollectMb: 140 });
    let confirm: () => void = () => undefined;
    proc.sleep = () => new Promise<void>((resolve) => (confirm = resolve));
    const { trim, ticker, start } = trimWith(proc);
    await start();
    proc.state.rssMb = 900;
    ticker.tick();
    const stopped = trim.stop();
    confirm();
    await stopped;
    ticker.tick();
    expect(proc.state.collections).toBe(1);
  });
});

describe('exposedCollect', () => {
  const global = globalThis as { gc?: unknown };
  const original = global.gc;
  afterEach(() => {
    if (original === undefined) delete global.gc;
    else global.gc = original;
  });

  it('asks V8 for its memory-reducing full collection when Node exposes gc', () => {
    const calls: unknown[] = [];
    global.gc = (options: unknown) => calls.push(options);
    exposedCollect()?.();
    expect(calls).toEqual([{ type: 'major', flavor: 'last-resort' }]);
  });

  it('is null when Node does not expose gc', () => {
    delete global.gc;
    expect(exposedCollect()).toBeNull();
  });
});
