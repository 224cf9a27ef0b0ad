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

/** A process whose resident memory and event-loop load the test sets; a collection brings it down to `afterCollect`. */
function fakeProcess(options: { rssMb: number; busy: number; afterCollectMb: number }) {
  const state = { ...options, collections: 0 };
  return {
    state,
    collect: () => {
      state.collections++;
      state.rssMb = state.afterCollectMb;
    },
    rss: () => state.rssMb * MB,
    busyShare: () => state.busy,
  };
}

function trimWith(process: ReturnType<typeof fakeProcess>, collect: (() => void) | null = process.collect) {
  const ticker = new ManualEvery();
  const logger = new RecordingLogger();
  const trim = new QuietHeapTrim({ collect, rss: process.rss, busyShare: process.busyShare, every: ticker.every, logger });
  return { trim, ticker, logger };
}

describe('QuietHeapTrim', () => {
  it('collects once the bot is quiet after it grew, logs before and after, and not again until it grows again', () => {
    const proc = fakeProcess({ rssMb: 150, busy: 0.9, afterCollectMb: 140 });
    const { trim, ticker, logger } = trimWith(proc);
    trim.start();
    expect(ticker.scheduled.map((s) => s.ms)).toEqual([5_000]);

    proc.state.rssMb = 420; // a burst: busy, grown
    ticker.tick();
    expect(proc.state.collections).toBe(0);

    proc.state.busy = 0.01; // quiet again
    ticker.tick();
    expect(proc.state.collections).toBe(1);
    expect(logger.infos).toEqual([
      {
        obj: { rssBeforeMb: 420, rssAfterMb: 140, ms: expect.any(Number), cpuMs: expect.any(Number) },
        msg: 'quiet after a burst: heap trimmed',
      },
    ]);

    proc.state.rssMb = 160; // quiet, but grown less than 32 MB since the trim
    ticker.tick();
    expect(proc.state.collections).toBe(1);

    proc.state.rssMb = 175; // 35 MB above the trim
    ticker.tick();
    expect(proc.state.collections).toBe(2);
  });

  it('never collects while the event loop is busy, however much the process grew', () => {
    const proc = fakeProcess({ rssMb: 150, busy: 0.05, afterCollectMb: 140 });
    const { trim, ticker } = trimWith(proc);
    trim.start();
    proc.state.rssMb = 900;
    for (let i = 0; i < 5; i++) ticker.tick();
    expect(proc.state.collections).toBe(0);
  });

  it('trims once at the first quiet look after start (loading the modules grew the heap too), then waits for growth', () => {
    const proc = fakeProcess({ rssMb: 165, busy: 0, afterCollectMb: 125 });
    const { trim, ticker } = trimWith(proc);
    trim.start();
    ticker.tick();
    expect(proc.state).toMatchObject({ collections: 1, rssMb: 125 });
    proc.state.rssMb = 130;
    ticker.tick();
    expect(proc.state.collections).toBe(1);
  });

  it('measures growth from the lowest point it has seen, so memory freed by V8 itself does not hide a new burst', () => {
    const proc = fakeProcess({ rssMb: 300, busy: 0, afterCollectMb: 130 });
    const { trim, ticker } = trimWith(proc);
    trim.start();
    ticker.tick();
    proc.state.busy = 0.5;
    proc.state.rssMb = 100;
    ticker.tick();
    proc.state.rssMb = 140;
    proc.state.busy = 0;
    ticker.tick();
    expect(proc.state.collections).toBe(2);
  });

  it('does nothing, and schedules nothing, without a collection (Node started without --expose-gc)', () => {
    const proc = fakeProcess({ rssMb: 150, busy: 0, afterCollectMb: 140 });
    const { trim, ticker, logger } = trimWith(proc, null);
    trim.start();
    proc.state.rssMb = 900;
    trim.check();
    expect(ticker.scheduled).toEqual([]);
    expect(logger.infos).toEqual([]);
  });

  it('stops its schedule on stop', () => {
    const proc = fakeProcess({ rssMb: 150, busy: 0, afterCollectMb: 140 });
    const { trim, ticker } = trimWith(proc);
    trim.start();
    trim.stop();
    proc.state.rssMb = 900;
    ticker.tick();
    expect(proc.state.collections).toBe(0);
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
