import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { invalidKeyReason, invalidPrefixReason, prefixUpperBound } from './keyRange';
import { openDatabase } from './sqliteDatabase';
import { GroupCommit } from './sqliteGroupCommit';
import { prepareStatements, type Statements } from './sqliteStatements';
import {
  ETagConflictError,
  InvalidStorageKeyError,
  type OwnedStorage,
  type StorageChange,
  type StoreItem,
  type StoreItems,
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

/**
 * `STORAGE=sqlite`: one SQLite database (Node's built-in `node:sqlite`) in STORAGE_DIR, owned by this process alone
 * (sqliteDatabase.ts: WAL, exclusive lock, fsync on commit).
 *
 * `node:sqlite` is synchronous: each call runs to its end without yielding, so calls in this process never
 * interleave, and every statement blocks the event loop while it runs; keep them small (one key, or one index range).
 * Reads run at once. Mutating calls are group-committed (sqliteGroupCommit.ts): those made in one turn of the event
 * loop share one transaction and one fsync, each in its own savepoint, and resolve once it committed. A `write` of
 * several keys commits the items whose eTags hold and then throws for the first that did not, as the other backends
 * do (the Storage contract promises no more); a `batch` is applied inside one transaction, so a crash leaves all of
 * it or nothing.
 */
export class SqliteStorage implements OwnedStorage {
  private readonly statements: Statements;
  private readonly group: GroupCommit;
  /** A fresh random prefix per open plus a counter: unique across restarts, cheaper than random bytes per write. */
  private readonly eTagPrefix = randomBytes(9).toString('base64url');
  private eTagCount = 0;

  constructor(private readonly db: DatabaseSync) {
    this.statements = prepareStatements(db);
    this.group = new GroupCommit(db, this.statements);
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
      const entries = Object.entries(changes).map(([key, item]) => prepared(key, item));
      return this.group.run(() => entries.filter((entry) => !this.writeOne(entry)));
    }).then((conflicts) => {
      if (conflicts[0]) throw new ETagConflictError(conflicts[0].key);
    });
  }

  delete(keys: string[]): Promise<void> {
    return settle(() => {
      const unique = [...new Set(keys)];
      for (const key of unique) checkKey(key);
      return this.group.run(() => {
        for (const key of unique) this.statements.delete.run(key);
      });
    });
  }

  create(key: string, item: StoreItem): Promise<boolean> {
    return settle(() => {
      const entry = prepared(key, item);
      return this.group.run(() => this.createOne(entry));
    });
  }

  batch(changes: StorageChange[]): Promise<number> {
    return settle(() => {
      const steps = changes.map((change): Step =>
        change.op === 'delete' ? (checkKey(change.key), change) : { op: change.op, ...prepared(change.key, change.item) },
      );
      return this.group.run(() => {
        const failed = steps.findIndex((step) => !this.apply(step));
        return failed === -1 ? steps.length : failed;
      });
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

  /** Closes the database: what is queued is committed, the last commits are checkpointed and the lock is released. Calling it again does nothing. */
  close(): Promise<void> {
    return settle(() => {
      if (!this.db.isOpen) return;
      this.group.flush();
      this.db.close();
    });
  }

  /** Transactions committed since the store was opened: each is one fsync (for tests and the bench). */
  get commits(): number {
    return this.group.commits;
  }

  /** False (nothing written) when the item's eTag does not match the stored one. */
  private writeOne({ key, eTag, value }: Prepared): boolean {
    if (eTag === undefined || eTag === '' || eTag === '*') {
      this.statements.upsert.run(key, this.nextETag(), value);
      return true;
    }
    return this.statements.updateIfMatch.run(this.nextETag(), value, key, eTag).changes === 1;
  }

  private apply(step: Step): boolean {
    if (step.op === 'write') return this.writeOne(step);
    if (step.op === 'create') return this.createOne(step);
    this.statements.delete.run(step.key);
    return true;
  }

  private createOne({ key, value }: Prepared): boolean {
    return this.statements.insertIfAbsent.run(key, this.nextETag(), value).changes === 1;
  }

  private nextETag(): string {
    this.eTagCount += 1;
    return `${this.eTagPrefix}.${this.eTagCount.toString(36)}`;
  }
}

/** A change checked and serialised when the call is made, so bad input fails the call at once and nothing of it is queued. */
interface Prepared {
  key: string;
  eTag: string | undefined;
  value: string;
}

type Step = ({ op: 'write' | 'create' } & Prepared) | { op: 'delete'; key: string };

function prepared(key: string, item: StoreItem): Prepared {
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

/** The synchronous work as a promise: a throw becomes a rejection, as callers of an async Storage expect. */
function settle<T>(work: () => T | Promise<T>): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
