import { invalidKeyReason, invalidPrefixReason, prefixUpperBound } from './keyRange';
import { BUSY_TIMEOUT_MS, openDatabase, type OpenedDatabase } from './sqliteDatabase';
import { prepareStatements, READ_SQL, type ReadStatements } from './sqliteStatements';
import { SqliteWriter, StorageWriterError, type CommitCounts } from './sqliteWriter';
import type { PreparedItem, WriteStep } from './sqliteWriterProtocol';
import {
  ETagConflictError,
  InvalidStorageKeyError,
  type Durability,
  type OwnedStorage,
  type StorageChange,
  type StoreItem,
  type StoreItems,
  type WriteOptions,
} from './storage';

/** A stored value that is not a JSON object (the database was edited by hand, or damaged). */
export class StorageCorruptedError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`SqliteStorage: the item "${key}" is unreadable (${reason}); fix or delete that row.`);
    this.name = 'StorageCorruptedError';
  }
}

interface Row {
  etag: string;
  value: string;
}

export interface SqliteStorageOptions {
  /** The writer thread's entry (tests start a failing one); the compiled or source sqliteWriterWorker next to this file. */
  writerEntry?: string;
}

/**
 * `STORAGE=sqlite`: one SQLite database (Node's built-in `node:sqlite`) in STORAGE_DIR, owned by this process alone
 * (sqliteDatabase.ts: the folder's lock, WAL).
 *
 * Reads and listings run at once on the main thread's read connection (`node:sqlite` is synchronous: a read of one
 * key costs tens of µs, less than a trip to another thread). Mutating calls go to the writer thread
 * (sqliteWriter.ts, sqliteWriterWorker.ts), which group-commits them: the calls made while its last commit ran share
 * one transaction and one fsync, each in its own savepoint, and resolve once it committed; the fsync blocks that
 * thread, not the event loop. A `write` of several keys commits the items whose eTags hold and then throws for the
 * first that did not, as the other backends do (the Storage contract promises no more); a `batch` is applied inside
 * one transaction, so a crash leaves all of it or nothing.
 *
 * Durability (docs/deployment.md, "Durability"): a group is committed with `synchronous = FULL` (fsynced) when any
 * of its calls asked for `full`, the default; a group of `process-crash` calls only is committed with NORMAL (in
 * the OS's cache: survives a killed process, not a power cut, until the next FULL commit syncs it too).
 *
 * If the writer thread dies, every call (reads too, so readiness says so) is refused with its `StorageWriterError`.
 */
export class SqliteStorage implements OwnedStorage {
  private readonly statements: ReadStatements;
  private readonly writer: SqliteWriter;
  private closed: Promise<void> | null = null;

  private constructor(
    private readonly db: OpenedDatabase,
    options: SqliteStorageOptions,
  ) {
    this.statements = prepareStatements(db.reader, READ_SQL);
    this.writer = new SqliteWriter({ file: db.file, busyTimeoutMs: BUSY_TIMEOUT_MS }, options.writerEntry);
  }

  /** Opens the store in `dir` (see `openDatabase`); throws `StorageOpenError` when another process holds it. */
  static open(dir: string, options: SqliteStorageOptions = {}): SqliteStorage {
    return new SqliteStorage(openDatabase(dir), options);
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.now(() => {
      const items: StoreItems = {};
      for (const key of new Set(keys)) {
        checkKey(key);
        const row = this.statements.read.get(key) as Row | undefined;
        if (row) items[key] = { ...parseValue(key, row.value), eTag: row.etag };
      }
      return items;
    });
  }

  write(changes: StoreItems): Promise<void> {
    return this.now(() => {
      const items = Object.entries(changes).map(([key, item]) => prepared(key, item));
      return this.writer.run({ op: 'write', items }, 'full') as Promise<string[]>;
    }).then((conflicts) => {
      if (conflicts[0] !== undefined) throw new ETagConflictError(conflicts[0]);
    });
  }

  delete(keys: string[]): Promise<void> {
    return this.now(() => {
      const unique = [...new Set(keys)];
      for (const key of unique) checkKey(key);
      return this.writer.run({ op: 'delete', keys: unique }, 'full') as Promise<undefined>;
    });
  }

  create(key: string, item: StoreItem, options?: WriteOptions): Promise<boolean> {
    return this.now(() => this.writer.run({ op: 'create', item: prepared(key, item) }, durabilityOf(options)) as Promise<boolean>);
  }

  batch(changes: StorageChange[], options?: WriteOptions): Promise<number> {
    return this.now(() => {
      const steps = changes.map((change): WriteStep =>
        change.op === 'delete' ? (checkKey(change.key), change) : { op: change.op, ...prepared(change.key, change.item) },
      );
      return this.writer.run({ op: 'batch', steps }, durabilityOf(options)) as Promise<number>;
    });
  }

  list(prefix: string): Promise<string[]> {
    return this.now(() => {
      const invalid = invalidPrefixReason(prefix);
      if (invalid) throw new InvalidStorageKeyError(prefix, invalid);
      const upper = prefixUpperBound(prefix);
      const rows = (upper === null
        ? this.statements.listFrom.all(prefix)
        : this.statements.listRange.all(prefix, upper)) as unknown as Array<[string]>;
      return rows.map((row) => row[0]);
    });
  }

  /**
   * Closes the store: what is queued is committed, the writer thread closes its connection, then the reader (the
   * last connection checkpoints the WAL into the database) and the lock. Calling it again does nothing.
   */
  close(): Promise<void> {
    this.closed ??= this.writer.close().finally(() => {
      this.db.reader.close();
      this.db.lock.close();
    });
    return this.closed;
  }

  /** Transactions committed since the store was opened, per `synchronous` level (for tests and the bench). */
  get commitsBySync(): Readonly<CommitCounts> {
    return this.writer.commits;
  }

  /** Transactions committed since the store was opened. */
  get commits(): number {
    const { full, normal } = this.writer.commits;
    return full + normal;
  }

  /** The synchronous work as a promise (a throw becomes a rejection), refused once the writer failed or the store closed. */
  private now<T>(work: () => T | Promise<T>): Promise<T> {
    return new Promise((resolve) => {
      if (this.writer.failure) throw this.writer.failure;
      if (this.closed) throw new StorageWriterError('the store is closed');
      resolve(work());
    });
  }
}

function durabilityOf(options: WriteOptions | undefined): Durability {
  return options?.durability ?? 'full';
}

/** A change checked and serialised when the call is made, so bad input fails the call at once and nothing of it is queued. */
function prepared(key: string, item: StoreItem): PreparedItem {
  checkKey(key);
  return { key, eTag: item.eTag, value: valueOf(item) };
}

function checkKey(key: string): void {
  const invalid = invalidKeyReason(key);
  if (invalid) throw new InvalidStorageKeyError(key, invalid);
}

function valueOf(item: StoreItem): string {
  const { eTag: _eTag, ...value } = item;
  return JSON.stringify(value);
}

function parseValue(key: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StorageCorruptedError(key, `invalid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new StorageCorruptedError(key, 'not a JSON object');
  return parsed as Record<string, unknown>;
}
