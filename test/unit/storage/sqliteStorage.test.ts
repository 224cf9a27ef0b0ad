import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DATABASE_FILE, LOCK_FILE, OWNER_FILE, openDatabase } from '../../../src/storage/sqliteDatabase';
import { GroupCommit } from '../../../src/storage/sqliteGroupCommit';
import { SQL, WRITE_SQL, prepareStatements } from '../../../src/storage/sqliteStatements';
import { SqliteStorage, StorageCorruptedError } from '../../../src/storage/sqliteStorage';
import { StorageWriterError } from '../../../src/storage/sqliteWriter';
import { ETagConflictError, StorageOpenError, type StoreItem } from '../../../src/storage/storage';
import { storageContract } from './storageContract';

let dir: string;
const open: SqliteStorage[] = [];

function openStore(folder = dir): SqliteStorage {
  const storage = SqliteStorage.open(folder);
  open.push(storage);
  return storage;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-storage-'));
});
afterEach(async () => {
  for (const storage of open.splice(0)) await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStorage: the storage contract', () => {
  storageContract({
    shared: false,
    open() {
      const first = openStore();
      return Promise.resolve({
        storage: first,
        async restart() {
          await first.close();
          return openStore();
        },
      });
    },
  });
});

describe('SqliteStorage: the database', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('creates the folder 0700 (parents included), the database, its WAL and shared-memory files and the lock 0600, and nothing else', async () => {
    const folder = join(dir, 'data', 'store');
    const storage = openStore(folder);
    await storage.write({ a: { n: 1 } });
    expect(mode(join(dir, 'data'))).toBe(0o700);
    expect(mode(folder)).toBe(0o700);
    expect(readdirSync(folder).sort()).toEqual(
      [DATABASE_FILE, `${DATABASE_FILE}-shm`, `${DATABASE_FILE}-wal`, LOCK_FILE, OWNER_FILE].sort(),
    );
    for (const name of readdirSync(folder)) expect([name, mode(join(folder, name))]).toEqual([name, 0o600]);
  });

  it('holds the store for this process alone: a second open is refused, naming the folder and the holder, until the first closes', async () => {
    const first = openStore();
    await first.write({ a: { n: 1 } });
    const refusal = refusalOf(dir);
    expect(refusal).toBeInstanceOf(StorageOpenError);
    expect(refusal.message).toMatch(
      new RegExp(
        `^STORAGE_DIR ${escape(dir)} is in use by another bot process \\(pid ${process.pid} on ${escape(hostname())}, started \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)\\. ` +
          'One process per STORAGE_DIR: stop the other one, or use STORAGE=azure to run several instances\\.$',
      ),
    );
    expect(await first.read(['a'])).toEqual({ a: { n: 1, eTag: expect.any(String) as string } });

    await first.close();
    const second = openStore();
    expect(await second.read(['a'])).toEqual({ a: { n: 1, eTag: expect.any(String) as string } });
  });

  it('says why a folder cannot be used', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    const inFile = join(file, 'data');
    expect(refusalOf(inFile).message).toBe(`STORAGE_DIR ${inFile} cannot be created: ENOTDIR: not a directory, mkdir '${inFile}'`);
    writeFileSync(join(dir, DATABASE_FILE), 'this is not a database, just some text that is long enough to be a header....');
    expect(refusalOf(dir).message).toBe(`STORAGE_DIR ${dir}: the database ${DATABASE_FILE} cannot be opened: file is not a database`);
  });

  it('runs in WAL mode, reads on a query-only connection, and holds the folder by an exclusive lock on the lock database', () => {
    const { reader, lock } = openDatabase(dir);
    try {
      expect(reader.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      expect(reader.prepare('PRAGMA query_only').get()).toEqual({ query_only: 1 });
      expect(() => reader.exec("INSERT INTO items VALUES ('k', 'e', '{}')")).toThrow('attempt to write a readonly database');
      expect(lock.prepare('PRAGMA locking_mode').get()).toEqual({ locking_mode: 'exclusive' });
      expect(lock.isTransaction).toBe(true);
      const other = new DatabaseSync(join(dir, LOCK_FILE), { timeout: 0 });
      expect(() => other.exec('BEGIN EXCLUSIVE')).toThrow('database is locked');
      other.close();
    } finally {
      reader.close();
      lock.close();
    }
  });

  it('stores one row per key: the key, the eTag, and the item as JSON without its eTag', async () => {
    const storage = openStore();
    await storage.write({ 'tokens/T1:x': { n: 1, nested: { list: [1, 'two'] }, eTag: '*' } });
    const { eTag } = (await storage.read(['tokens/T1:x']))['tokens/T1:x'] as StoreItem;
    await storage.close();
    const db = new DatabaseSync(join(dir, DATABASE_FILE), { readOnly: true });
    try {
      expect(db.prepare('SELECT key, etag, value FROM items').all()).toEqual([
        { key: 'tokens/T1:x', etag: eTag, value: '{"n":1,"nested":{"list":[1,"two"]}}' },
      ]);
    } finally {
      db.close();
    }
  });

  it('lists by a range scan of the key index (never the items, never a full scan) and reads by the index', async () => {
    await openStore().close();
    const db = new DatabaseSync(join(dir, DATABASE_FILE), { readOnly: true });
    const plan = (sql: string) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((row) => (row as { detail: string }).detail);
    try {
      expect(plan(SQL.listRange)).toEqual(['SEARCH items USING COVERING INDEX sqlite_autoindex_items_1 (key>? AND key<?)']);
      expect(plan(SQL.listFrom)).toEqual(['SEARCH items USING COVERING INDEX sqlite_autoindex_items_1 (key>?)']);
      expect(plan(SQL.read)).toEqual(['SEARCH items USING INDEX sqlite_autoindex_items_1 (key=?)']);
    } finally {
      db.close();
    }
  });

  it('names the key of an unreadable row, and other keys keep working', async () => {
    const storage = openStore();
    await storage.write({ good: { n: 1 }, bad: { n: 2 }, list: { n: 3 } });
    await storage.close();
    const db = new DatabaseSync(join(dir, DATABASE_FILE));
    db.prepare("UPDATE items SET value = '{\"n\":' WHERE key = 'bad'").run();
    db.prepare("UPDATE items SET value = '[1]' WHERE key = 'list'").run();
    db.close();

    const reopened = openStore();
    await expect(reopened.read(['bad'])).rejects.toThrow(StorageCorruptedError);
    await expect(reopened.read(['bad'])).rejects.toThrow(
      /^SqliteStorage: the item "bad" is unreadable \(invalid JSON: .+\); fix or delete that row\.$/,
    );
    await expect(reopened.read(['list'])).rejects.toThrow(
      'SqliteStorage: the item "list" is unreadable (not a JSON object); fix or delete that row.',
    );
    expect(await reopened.read(['good'])).toEqual({ good: { n: 1, eTag: expect.any(String) as string } });
    await reopened.write({ bad: { n: 5 } });
    expect(await reopened.read(['bad'])).toEqual({ bad: { n: 5, eTag: expect.any(String) as string } });
  });

  it('writes nothing of a call whose item cannot be stored as JSON', async () => {
    const storage = openStore();
    await expect(storage.write({ a: { n: 1 }, b: { n: BigInt(1) } })).rejects.toThrow(TypeError);
    expect(await storage.list('')).toEqual([]);
    await storage.write({ a: { n: 2 } });
    expect(await storage.list('')).toEqual(['a']);
  });

  it('closes once; a second close does nothing', async () => {
    const storage = openStore();
    await storage.close();
    await expect(storage.close()).resolves.toBeUndefined();
  });
});

describe('SqliteStorage: group commit', () => {
  const any = expect.any(String) as string;

  it('commits the changes of calls made together in one transaction, and awaited calls one by one', async () => {
    const storage = openStore();
    const before = storage.commits;
    const together = await Promise.all([
      storage.write({ a: { n: 1 } }),
      storage.create('b', { n: 1 }),
      storage.create('b', { n: 2 }),
      storage.batch([
        { op: 'write', key: 'c', item: { n: 1 } },
        { op: 'create', key: 'a', item: { n: 9 } },
      ]),
      storage.delete(['none']),
    ]);
    expect(together).toEqual([undefined, true, false, 1, undefined]);
    expect(storage.commits).toBe(before + 1);
    expect(await storage.read(['a', 'b', 'c'])).toEqual({ a: { n: 1, eTag: any }, b: { n: 1, eTag: any }, c: { n: 1, eTag: any } });

    await storage.write({ d: { n: 1 } });
    await storage.write({ e: { n: 1 } });
    expect(storage.commits).toBe(before + 3);
  });

  it('answers a conflicting write of a group after the commit, with the other items of that write and of the group stored', async () => {
    const storage = openStore();
    await storage.write({ a: { n: 1 } });
    const results = await Promise.allSettled([storage.write({ x: { n: 1 }, a: { n: 2, eTag: 'stale' } }), storage.write({ y: { n: 1 } })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason).toEqual(new ETagConflictError('a'));
    expect(await storage.read(['a', 'x', 'y'])).toEqual({ a: { n: 1, eTag: any }, x: { n: 1, eTag: any }, y: { n: 1, eTag: any } });
  });

  it('commits what is queued when the store closes', async () => {
    const storage = openStore();
    const written = storage.write({ late: { n: 1 } });
    await storage.close();
    await written;
    expect(await openStore().read(['late'])).toEqual({ late: { n: 1, eTag: any } });
  });

  it('undoes only the changes of a call that fails inside the transaction, commits at the level asked, and throws when the transaction fails', () => {
    const { file, reader, lock } = openDatabase(dir);
    const db = new DatabaseSync(file);
    try {
      const group = new GroupCommit(db, prepareStatements(db, WRITE_SQL));
      const item = (key: string, value = '{}') => ({ key, eTag: undefined, value });
      const outcomes = group.commit('normal', [
        { op: 'create', item: item('first') },
        {
          op: 'batch',
          steps: [
            { op: 'write', ...item('undone') },
            { op: 'write', ...item('bad', null as unknown as string) },
          ],
        },
        { op: 'create', item: item('last') },
      ]);
      expect(outcomes).toEqual([
        { ok: true, value: true },
        { ok: false, error: { name: 'Error', message: 'NOT NULL constraint failed: items.value' } },
        { ok: true, value: true },
      ]);
      expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 });
      const keys = () =>
        reader
          .prepare('SELECT key FROM items ORDER BY key')
          .all()
          .map((row) => (row as { key: string }).key);
      expect(keys()).toEqual(['first', 'last']);

      expect(group.commit('full', [{ op: 'delete', keys: ['first'] }])).toEqual([{ ok: true, value: undefined }]);
      expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
      expect(keys()).toEqual(['last']);

      db.close();
      expect(() => group.commit('full', [{ op: 'create', item: item('never') }])).toThrow('statement has been finalized');
      expect(keys()).toEqual(['last']);
    } finally {
      if (db.isOpen) db.close();
      reader.close();
      lock.close();
    }
  });
});

describe('SqliteStorage: durability per write', () => {
  it('commits a group of process-crash writes without an fsync (NORMAL), and any group with a full write with one (FULL)', async () => {
    const storage = openStore();
    const lax = { durability: 'process-crash' } as const;
    await Promise.all([storage.create('lock', { n: 1 }, lax), storage.batch([{ op: 'write', key: 'outcome', item: { n: 1 } }], lax)]);
    expect(storage.commitsBySync).toEqual({ full: 0, normal: 1 });

    await Promise.all([storage.create('lock2', { n: 1 }, lax), storage.write({ accepted: { n: 1 } })]);
    expect(storage.commitsBySync).toEqual({ full: 1, normal: 1 });

    await storage.create('c', { n: 1 });
    await storage.batch([{ op: 'delete', key: 'c' }]);
    await storage.delete(['lock']);
    expect(storage.commitsBySync).toEqual({ full: 4, normal: 1 });
    expect(await storage.list('')).toEqual(['accepted', 'lock2', 'outcome']);
  });
});

describe('SqliteStorage: a writer thread that fails', () => {
  const fixture = (name: string) => join(__dirname, '..', '..', 'fixtures', 'sqliteWriter', name);
  const openWith = (name: string) => {
    const storage = SqliteStorage.open(dir, { writerEntry: fixture(name) });
    open.push(storage);
    return storage;
  };

  it('rejects the waiting calls and every later one, reads too, with the reason, when the thread cannot open the database', async () => {
    const storage = openWith('failsToOpen.ts');
    const reason = 'the SQLite writer thread failed: unable to open database file';
    const error = await storage.write({ a: { n: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageWriterError);
    expect((error as Error).message).toBe(reason);
    await expect(storage.create('b', { n: 1 })).rejects.toThrow(reason);
    await expect(storage.read(['a'])).rejects.toThrow(reason);
    await expect(storage.list('')).rejects.toThrow(reason);
    await expect(storage.close()).resolves.toBeUndefined();
    expect(await openStore().list('')).toEqual([]);
  });

  it('rejects the calls of the group it held and those queued behind it when the thread dies mid-commit', async () => {
    const storage = openWith('diesOnFirstGroup.ts');
    const first = storage.batch([{ op: 'create', key: 'a', item: { n: 1 } }]);
    await new Promise((resolve) => setImmediate(resolve));
    const queued = storage.delete(['a']);
    const reason = 'the SQLite writer thread stopped (exit code 7)';
    await expect(first).rejects.toThrow(new StorageWriterError(reason));
    await expect(queued).rejects.toThrow(reason);
    await expect(storage.read(['a'])).rejects.toThrow(reason);
    await storage.close();
  });
});

/** The error `SqliteStorage.open(folder)` throws (fails the test when it opens). */
function refusalOf(folder: string): Error {
  let store: SqliteStorage | undefined;
  try {
    store = SqliteStorage.open(folder);
  } catch (error) {
    expect(error).toBeInstanceOf(StorageOpenError);
    return error as Error;
  }
  open.push(store);
  throw new Error(`${folder} was opened`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
