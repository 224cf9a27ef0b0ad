import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DATABASE_FILE } from '../../src/storage/sqliteDatabase';

/**
 * Every row of the SQLite store in `storageDir`, read from a copy of its files: a running bot holds the database
 * exclusively, so not even a reader may open it, but its bytes can be copied. Use it while the bot is idle (a copy taken
 * mid-commit may miss that commit). Values are parsed JSON.
 */
export function storedRows(storageDir: string): Array<{ key: string; value: unknown }> {
  const copy = mkdtempSync(join(tmpdir(), 'store-copy-'));
  try {
    for (const suffix of ['', '-wal']) {
      const from = join(storageDir, DATABASE_FILE + suffix);
      if (existsSync(from)) copyFileSync(from, join(copy, DATABASE_FILE + suffix));
    }
    const db = new DatabaseSync(join(copy, DATABASE_FILE));
    try {
      const rows = db.prepare('SELECT key, value FROM items ORDER BY key').all() as Array<{ key: string; value: string }>;
      return rows.map((row) => ({ key: row.key, value: JSON.parse(row.value) as unknown }));
    } finally {
      db.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
