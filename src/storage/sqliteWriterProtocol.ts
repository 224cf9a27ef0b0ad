/**
 * The messages between the embedded store (main thread, sqliteWriter.ts) and its writer thread
 * (sqliteWriterWorker.ts). Values cross as JSON text, serialised and checked on the main thread when the call is made.
 */

/** An item to store: its key, the eTag the caller expects (undefined, '' or '*': overwrite) and its JSON. */
export interface PreparedItem {
  key: string;
  eTag: string | undefined;
  value: string;
}

export type WriteStep = ({ op: 'write' | 'create' } & PreparedItem) | { op: 'delete'; key: string };

/** One mutating Storage call, run in a savepoint of its group's transaction. */
export type WriteCall =
  /** Resolves to the keys whose eTag did not hold (the others are written). */
  | { op: 'write'; items: PreparedItem[] }
  | { op: 'delete'; keys: string[] }
  /** Resolves to whether the item was created. */
  | { op: 'create'; item: PreparedItem }
  /** Resolves to how many steps were applied. */
  | { op: 'batch'; steps: WriteStep[] };

/** How a group is committed: `full` fsyncs the WAL (synchronous = FULL), `normal` leaves it to the OS (NORMAL). */
export type SyncLevel = 'full' | 'normal';

export interface SerializedError {
  name: string;
  message: string;
}

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** To the writer: commit these calls as one transaction (the writer has at most one group at a time). */
export type WriterRequest = { type: 'group'; sync: SyncLevel; calls: WriteCall[] } | { type: 'close' };

/** From the writer: the group committed (each call's outcome, in order), or its transaction failed as a whole. */
export type WriterReply = { type: 'committed'; outcomes: CallOutcome[] } | { type: 'failed'; error: SerializedError } | { type: 'closed' };

/** What the writer thread is started with (`workerData`). */
export interface WriterStart {
  file: string;
  busyTimeoutMs: number;
}

export function serializeError(error: unknown): SerializedError {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  if (typeof message !== 'string') return { name: 'Error', message: String(error) };
  return { name: typeof name === 'string' ? name : 'Error', message };
}

export function deserializeError({ name, message }: SerializedError): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
