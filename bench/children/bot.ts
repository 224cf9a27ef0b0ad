/**
 * Child process: the real bot (src/app.ts createApp) as production starts it, plus the bench's two composition-root
 * overrides: Teams pacing `BENCH_RATE_SCALE` times faster, and (BENCH_COUNT_STORAGE=1) storage calls counted.
 * Environment: BENCH_BOT_ENV (JSON: the bot's own environment variables). Logs go to stdout (the bench's log file).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { writeHeapSnapshot } from 'node:v8';
import { createApp, createLogger, loadConfig } from '../lib/product';
import { memoryDetail } from '../lib/memoryDetail';
import { ready, serve } from '../lib/rpc';
import { StorageCalls } from '../lib/storageCalls';

async function main(): Promise<void> {
  const env = JSON.parse(process.env.BENCH_BOT_ENV ?? '{}') as Record<string, string>;
  const scale = Number(process.env.BENCH_RATE_SCALE ?? '1');
  const counting = process.env.BENCH_COUNT_STORAGE === '1';
  if (counting) Error.stackTraceLimit = 80;
  const calls = new StorageCalls();
  const config = loadConfig(env);
  const app = createApp(config, createLogger(config.logLevel), {
    rateLimitTimeScale: scale,
    ...(counting ? { wrapStorage: (storage) => calls.wrap(storage) } : {}),
  });
  const url = await app.start();
  let profiler: Session | null = null;

  serve({
    memory: () => process.memoryUsage(),
    /** CPU time used so far (µs): the main thread's (the event loop) and the whole process's (its threads too). */
    cpu: () => {
      const main = process.threadCpuUsage();
      const all = process.cpuUsage();
      return { mainUs: main.user + main.system, processUs: all.user + all.system };
    },
    memoryDetail: () => memoryDetail(),
    heapSnapshot: ({ file }: { file: string }) => void writeHeapSnapshot(file),
    idle: () => app.idle(),
    storageCalls: () => calls.take(),
    /** Starts the V8 CPU profiler (what `node --cpu-prof` uses), sampling every `intervalUs`. */
    profileStart: async ({ intervalUs }: { intervalUs: number }) => {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: intervalUs });
      await profiler.post('Profiler.start');
    },
    /** Stops the profiler and writes the .cpuprofile (open it in Chrome DevTools). */
    profileStop: async ({ file }: { file: string }) => {
      if (!profiler) throw new Error('the profiler was not started');
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      profiler = null;
      writeFileSync(file, JSON.stringify(profile));
    },
    stop: async () => {
      await app.close();
      setImmediate(() => process.exit(0));
    },
  });
  ready({ url });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
