export interface EventuallyOptions {
  /** What is waited for, for the error message. */
  what?: string;
  /** Give up after this long (real time). */
  timeoutMs?: number;
  /** Look again after this long; 0 looks again on the next turn of the event loop (work in memory). */
  everyMs?: number;
}

/**
 * The one polling helper of the tests: resolves with the first truthy value `probe` returns, looking again until
 * `timeoutMs` has passed; then throws, naming `what`. For waiting on work the test cannot await (another process,
 * a background task, storage on disk); never a timing assertion.
 */
export async function eventually<T>(probe: () => T | null | undefined | false, options: EventuallyOptions = {}): Promise<T> {
  const { what = 'the condition', timeoutMs = 5000, everyMs = 0 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`eventually: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => (everyMs > 0 ? setTimeout(resolve, everyMs) : setImmediate(resolve)));
  }
}
