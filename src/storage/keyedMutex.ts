/**
 * Runs async functions one at a time per key, in call order; functions for different keys run concurrently.
 * In-process only: it orders the callers inside one Node process, nothing more.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // The next caller waits for this one to settle, whether it succeeded or failed.
    const result = previous.then(fn, fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      // Drop the entry when nobody queued behind us, so the map does not grow with every key ever used.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Number of keys with work queued or running (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
