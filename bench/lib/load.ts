import { performance } from 'node:perf_hooks';

/**
 * A closed-loop load generator: `concurrency` workers, each sending its next request as soon as the previous one
 * answered. Workers take jobs from their own queue (`jobsFor(worker)`), so a worker can stand for one user.
 */

export interface LoadOptions<J> {
  concurrency: number;
  /** The jobs of one worker, in order. */
  jobsFor(worker: number): Iterable<J>;
  /** Sends one job; rejects when the answer was not the expected one. */
  run(job: J, worker: number): Promise<void>;
  /** Stop taking new jobs after this long (the ones in flight finish). */
  timeLimitMs?: number;
  /** Stop taking new jobs once this resolves. */
  stop?: Promise<unknown>;
}

export interface LoadResult {
  /** Latency of each job answered as expected, ms. */
  latencies: number[];
  ok: number;
  failed: number;
  /** The first few failures, for the log. */
  errors: string[];
  elapsedMs: number;
}

export async function runLoad<J>(options: LoadOptions<J>): Promise<LoadResult> {
  const result: LoadResult = { latencies: [], ok: 0, failed: 0, errors: [], elapsedMs: 0 };
  let stopped = false;
  void options.stop?.then(() => (stopped = true));
  const started = performance.now();
  const deadline = options.timeLimitMs === undefined ? Infinity : started + options.timeLimitMs;
  const worker = async (index: number) => {
    for (const job of options.jobsFor(index)) {
      if (stopped || performance.now() >= deadline) return;
      const t0 = performance.now();
      try {
        await options.run(job, index);
        result.latencies.push(performance.now() - t0);
        result.ok++;
      } catch (err) {
        result.failed++;
        if (result.errors.length < 5) result.errors.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => worker(i)));
  result.elapsedMs = performance.now() - started;
  return result;
}

/** Splits `items` round-robin over `workers` queues. */
export function dealOut<T>(items: readonly T[], workers: number): T[][] {
  const queues: T[][] = Array.from({ length: workers }, () => []);
  items.forEach((item, i) => queues[i % workers]?.push(item));
  return queues;
}
