import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { invalidKeyReason, invalidPrefixReason, prefixUpperBound } from './keyRange';
import { openDatabase } from './sqliteDatabase';
import { prepareStatements, type Statements } from './sqliteStatements';
import { ETagConflictError, InvalidStorageKeyError, type OwnedStorage, type StoreItem, type StoreItems } from './storage';

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

/**
 * `STORAGE=sqlite`: one SQLite database (Node's built-in `node:sqlite`) in STORAGE_DIR, owned by this process alone
 * (sqliteDatabase.ts: WAL, exclusive lock, fsync on commit).
 *
 * `node:sqlite` is synchronous: each call runs to its end without yielding, so calls in this process never
 * interleave, and every statement blocks the event loop while it runs; keep them small (one key, or one index range).
 * Each mutating call is one `BEGIN IMMEDIATE` transaction, i.e. one commit and one fsync however many keys it names.
 * A `write` of several keys commits the items whose eTags hold and then throws for the first that did not, as the
 * other backends do (the Storage contract promises no more).
 */
export class SqliteStorage implements OwnedStorage {
  private readonly statements: Statements;
  /** A fresh random prefix per open plus a counter: unique across restarts, cheaper than random bytes per write. */
  private readonly eTagPrefix = randomBytes(9).toString('base64url');
  private eTagCount = 0;

  constructor(private readonly db: DatabaseSync) {
    this.statements = prepareStatements(db);
  }

  /** Opens the store in `dir` (see `openDatabase`); throws `StorageOpenError` when another process holds it. */
  static open(dir: string): SqliteStorage {
    return new SqliteStorage(openDatabase(dir));
  }

  read(keys: string[]): Promise<StoreItems> {
    return settle(() => {
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
    return settle(() => {
      const entries = Object.entries(changes);
      for (const [key] of entries) checkKey(key);
      const conflicts = this.transaction(() => entries.filter(([key, item]) => !this.writeOne(key, item)));
      if (conflicts[0]) throw new ETagConflictError(conflicts[0][0]);
    });
  }

  delete(keys: string[]): Promise<void> {
    return settle(() => {
      const unique = [...new Set(keys)];
      for (const key of unique) checkKey(key);
      this.transaction(() => {
        for (const key of unique) this.statements.delete.run(key);
      });
    });
  }

  create(key: string, item: StoreItem): Promise<boolean> {
    return settle(() => {
      checkKey(key);
      const value = valueOf(item);
      return this.transaction(() => this.statements.insertIfAbsent.run(key, this.nextETag(), value).changes === 1);
    });
  }

  list(prefix: string): Promise<string[]> {
    return settle(() => {
      const invalid = invalidPrefixReason(prefix);
      if (invalid) throw new InvalidStorageKeyError(prefix, invalid);
      const upper = prefixUpperBound(prefix);
      const rows = (upper === null
        ? this.statements.listFrom.all(prefix)
        : this.statements.listRange.all(prefix, upper)) as unknown as Array<[string]>;
      return rows.map((row) => row[0]);
    });
  }

  /** Closes the database: the last commits are checkpointed and the lock is released. Calling it again does nothing. */
  close(): Promise<void> {
    return settle(() => {
      if (this.db.isOpen) this.db.close();
    });
  }

  /** False (nothing written) when the item's eTag does not match the stored one. */
  private writeOne(key: string, item: StoreItem): boolean {
    const eTag = item.eTag;
    const value = valueOf(item);
    if (eTag === undefined || eTag === '' || eTag === '*') {
      this.statements.upsert.run(key, this.nextETag(), value);
      return true;
    }
    return this.statements.updateIfMatch.run(this.nextETag(), value, key, eTag).changes === 1;
  }

  /** Runs `work` in one write transaction; rolls back if it throws (or the commit fails). */
  private transaction<T>(work: () => T): T {
    this.statements.begin.run();
    try {
      const result = work();
      this.statements.commit.run();
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.statements.rollback.run();
      throw error;
    }
  }

  private nextETag(): string {
    this.eTagCount += 1;
    return `${this.eTagPrefix}.${this.eTagCount.toString(36)}`;
  }
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

/** The synchronous work as a promise: a throw becomes a rejection, as callers of an async Storage expect. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
