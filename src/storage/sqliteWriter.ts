import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Durability } from './storage';
import {
  deserializeError,
  type SyncLevel,
  type WriteCall,
  type WriterReply,
  type WriterRequest,
  type WriterStart,
} from './sqliteWriterProtocol';

interface Pending {
  call: WriteCall;
  durability: Durability;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The writer thread stopped or failed: every write (and, in SqliteStorage, every read) is refused from then on. */
export class StorageWriterError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'StorageWriterError';
  }
}

/** Commits per `synchronous` level since the store opened (a `full` one is an fsync). */
export interface CommitCounts {
  full: number;
  normal: number;
}

/**
 * The main thread's side of the embedded store's writer (sqliteWriterWorker.ts): group commit across a thread.
 *
 * At most one group is with the writer. Calls made while it commits wait, and all of them go as the next group the
 * moment it returns (after the continuations of the calls it settled have had their turn to add more), so the busier
 * the store, the more calls share one commit. A group commits with `synchronous = FULL` if any of its calls asked for
 * `full` durability, else NORMAL. A caller's promise settles only after its group committed.
 *
 * If the thread dies or cannot open the database, every waiting call and every later one is rejected with a
 * `StorageWriterError` naming why (`failure`); nothing waits for ever.
 */
export class SqliteWriter {
  private readonly worker: Worker;
  private queue: Pending[] = [];
  private inFlight: Pending[] | null = null;
  private inFlightSync: SyncLevel = 'full';
  private scheduled = false;
  private closing: Promise<void> | null = null;
  private failed: StorageWriterError | null = null;
  private drainWaiters: Array<() => void> = [];
  private readonly counts: CommitCounts = { full: 0, normal: 0 };

  constructor(start: WriterStart, entry: string = defaultEntry()) {
    const typescript = entry.endsWith('.ts');
    this.worker = new Worker(entry, {
      workerData: start,
      // The sources run untranspiled in tests and `npm run demo`: the thread loads them through tsx as its parent does.
      ...(typescript ? { execArgv: ['--require', require.resolve('tsx/cjs')] } : {}),
    });
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => this.receive(reply));
    this.worker.on('error', (error: Error) => this.fail(`the SQLite writer thread failed: ${error.message}`, error));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(`the SQLite writer thread stopped (exit code ${code})`);
    });
  }

  /** Why the writer cannot be used, or null while it works. */
  get failure(): StorageWriterError | null {
    return this.failed;
  }

  get commits(): Readonly<CommitCounts> {
    return this.counts;
  }

  /** Runs `call` in the next group; resolves to its result once that group committed. */
  run(call: WriteCall, durability: Durability): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      if (this.closing) return reject(new StorageWriterError('the store is closed'));
      this.queue.push({ call, durability, resolve, reject });
      this.schedule();
    });
  }

  /** Commits what is queued, stops the thread (it closes its connection) and resolves when it has ended. */
  close(): Promise<void> {
    this.closing ??= this.drained().then(async () => {
      if (this.failed) return;
      const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
      this.worker.ref();
      this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
      await exited;
    });
    return this.closing;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    // After the I/O callbacks of this turn (and their promise continuations) have queued their calls.
    setImmediate(() => {
      this.scheduled = false;
      this.send();
    });
  }

  private send(): void {
    if (this.inFlight || this.queue.length === 0 || this.failed) return;
    const group = this.queue;
    this.queue = [];
    this.inFlight = group;
    const sync: SyncLevel = group.some((p) => p.durability === 'full') ? 'full' : 'normal';
    this.inFlightSync = sync;
    this.worker.ref();
    this.worker.postMessage({ type: 'group', sync, calls: group.map((p) => p.call) } satisfies WriterRequest);
  }

  private receive(reply: WriterReply): void {
    const group = this.inFlight;
    if (reply.type === 'closed' || !group) return;
    this.inFlight = null;
    this.worker.unref();
    if (reply.type === 'failed') {
      const error = deserializeError(reply.error);
      for (const pending of group) pending.reject(error);
    } else {
      this.counts[this.inFlightSync]++;
      group.forEach((pending, i) => {
        const outcome = reply.outcomes[i];
        if (outcome?.ok) pending.resolve(outcome.value);
        else pending.reject(outcome ? deserializeError(outcome.error) : new StorageWriterError('the writer answered no outcome'));
      });
    }
    this.schedule();
    this.notifyDrained();
  }

  private fail(message: string, cause?: unknown): void {
    if (this.failed) return;
    this.failed = new StorageWriterError(message, cause === undefined ? undefined : { cause });
    const waiting = [...(this.inFlight ?? []), ...this.queue];
    this.inFlight = null;
    this.queue = [];
    for (const pending of waiting) pending.reject(this.failed);
    this.worker.unref();
    this.notifyDrained();
  }

  /** Resolves once nothing is queued or with the writer (at once after a failure). */
  private drained(): Promise<void> {
    if (this.isDrained()) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private isDrained(): boolean {
    return this.failed !== null || (this.inFlight === null && this.queue.length === 0);
  }

  private notifyDrained(): void {
    if (!this.isDrained()) return;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }
}

/**
 * The worker entry next to the running code: in the shipped build dist/sqliteWriterWorker.js beside dist/index.js (the
 * build makes it an entry of its own: tools/bundle/bundle.ts), from the sources src/storage/sqliteWriterWorker.ts.
 */
function defaultEntry(): string {
  return path.join(__dirname, `sqliteWriterWorker${path.extname(__filename)}`);
}
