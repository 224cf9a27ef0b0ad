import type { DatabaseSync, StatementSync } from 'node:sqlite';

/**
 * One table of items. A rowid table with a unique index on `key` rather than a WITHOUT ROWID table: items are JSON
 * of one to a few KB, and listing by prefix then scans the small key index alone (a covering index), never the items.
 * Keys compare with the BINARY collation, i.e. UTF-8 byte order = code point order (see keyRange.ts).
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS items (
  key TEXT NOT NULL PRIMARY KEY,
  etag TEXT NOT NULL,
  value TEXT NOT NULL
)`;

/** What the main thread's read connection runs. */
export const READ_SQL = {
  read: 'SELECT etag, value FROM items WHERE key = ?',
  /** Keys from a prefix up to (not including) its upper bound: an index range scan. */
  listRange: 'SELECT key FROM items WHERE key >= ? AND key < ?',
  /** For prefixes without an upper bound (the empty prefix). */
  listFrom: 'SELECT key FROM items WHERE key >= ?',
} as const;

/** What the writer thread runs (sqliteWriterWorker.ts). */
export const WRITE_SQL = {
  begin: 'BEGIN IMMEDIATE',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
  /** One call inside a group commit's transaction (sqliteGroupCommit.ts). */
  savepoint: 'SAVEPOINT call',
  release: 'RELEASE call',
  rollbackToSavepoint: 'ROLLBACK TO call',
  upsert:
    'INSERT INTO items (key, etag, value) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value',
  updateIfMatch: 'UPDATE items SET etag = ?, value = ? WHERE key = ? AND etag = ?',
  insertIfAbsent: 'INSERT INTO items (key, etag, value) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
  delete: 'DELETE FROM items WHERE key = ?',
} as const;

export const SQL = { ...READ_SQL, ...WRITE_SQL };

export type ReadStatements = Record<keyof typeof READ_SQL, StatementSync>;
export type WriteStatements = Record<keyof typeof WRITE_SQL, StatementSync>;

/** Listings return rows as arrays, not objects: two to three times faster for thousands of keys. */
const ROWS_AS_ARRAYS: ReadonlySet<string> = new Set<keyof typeof SQL>(['listRange', 'listFrom']);

/** Prepares each statement of `sql` once, to be reused for the connection's life. */
export function prepareStatements<S extends Record<string, string>>(db: DatabaseSync, sql: S): Record<keyof S, StatementSync> {
  const entries = Object.entries(sql).map(([name, text]) => {
    const statement = db.prepare(text);
    if (ROWS_AS_ARRAYS.has(name)) statement.setReturnArrays(true);
    return [name, statement] as const;
  });
  return Object.fromEntries(entries) as Record<keyof S, StatementSync>;
}
