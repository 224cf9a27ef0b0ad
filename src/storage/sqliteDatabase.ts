import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SCHEMA } from './sqliteStatements';
import { StorageOpenError } from './storage';

/** The database file in STORAGE_DIR. */
export const DATABASE_FILE = 'digioffice-tasks.sqlite';
/** Who holds the database (pid, host, start time), for the message a second process gives; information only. */
export const OWNER_FILE = 'digioffice-tasks.owner.json';
/** An empty SQLite database whose exclusive lock is the one-process-per-STORAGE_DIR lock. */
export const LOCK_FILE = 'digioffice-tasks.lock';

/** How long a connection waits for a lock another connection of this process holds for a moment (WAL housekeeping). */
export const BUSY_TIMEOUT_MS = 5_000;

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

/** The store's files, opened for this process alone. */
export interface OpenedDatabase {
  /** The database file, for the writer thread's connection. */
  file: string;
  /** The main thread's connection: reads only (`query_only`). WAL lets it read beside the writer. */
  reader: DatabaseSync;
  /** Holds the lock; closing it releases the folder. */
  lock: DatabaseSync;
}

/**
 * Opens (creating when absent) the database in `dir` for this process alone, or throws `StorageOpenError`.
 *
 * The folder is created 0700 and the files 0600 (SQLite gives the WAL and `-shm` files the database's mode). The lock
 * is an exclusive lock on a small database of its own (LOCK_FILE), taken at once and held until closed: the operating
 * system's (a POSIX advisory lock), so it ends with the process however that ends, and a kill -9 never blocks the next
 * start. The database itself is in WAL mode, shared by this process's two connections: the writer thread's and the
 * main thread's reader.
 */
export function openDatabase(dir: string): OpenedDatabase {
  const folder = path.resolve(dir);
  const file = path.join(folder, DATABASE_FILE);
  const lock = takeLock(folder);
  createPrivately(folder, file, `the database ${DATABASE_FILE}`);
  let reader: DatabaseSync | undefined;
  try {
    reader = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
    reader.exec('PRAGMA journal_mode = WAL');
    reader.exec(SCHEMA);
    reader.exec('PRAGMA query_only = 1');
  } catch (error) {
    reader?.close();
    lock.close();
    throw new StorageOpenError(`STORAGE_DIR ${folder}: the database ${DATABASE_FILE} cannot be opened: ${messageOf(error)}`, {
      cause: error,
    });
  }
  writeOwner(folder);
  return { file, reader, lock };
}

function takeLock(folder: string): DatabaseSync {
  const file = path.join(folder, LOCK_FILE);
  createPrivately(folder, file, `the lock ${LOCK_FILE}`);
  let lock: DatabaseSync | undefined;
  try {
    lock = new DatabaseSync(file, { timeout: 0 });
    lock.exec('PRAGMA locking_mode = EXCLUSIVE');
    lock.exec('PRAGMA journal_mode = MEMORY');
    // An open exclusive transaction on an empty database: held until the connection closes, written never.
    lock.exec('BEGIN EXCLUSIVE');
    return lock;
  } catch (error) {
    lock?.close();
    if (isBusy(error)) throw new StorageOpenError(inUseMessage(folder), { cause: error });
    throw new StorageOpenError(`STORAGE_DIR ${folder}: the lock ${LOCK_FILE} cannot be taken: ${messageOf(error)}`, { cause: error });
  }
}

function createPrivately(folder: string, file: string, what: string): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StorageOpenError(`STORAGE_DIR ${folder} cannot be created: ${messageOf(error)}`, { cause: error });
  }
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new StorageOpenError(`STORAGE_DIR ${folder}: ${what} cannot be created: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }
}

function inUseMessage(folder: string): string {
  const owner = readOwner(folder);
  const holder = owner ? ` (pid ${owner.pid} on ${owner.host}, started ${owner.startedAt})` : '';
  return (
    `STORAGE_DIR ${folder} is in use by another bot process${holder}. One process per STORAGE_DIR: ` +
    'stop the other one, or use STORAGE=azure to run several instances.'
  );
}

interface Owner {
  pid: number;
  host: string;
  startedAt: string;
}

function writeOwner(folder: string): void {
  const owner: Owner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  try {
    writeFileSync(path.join(folder, OWNER_FILE), JSON.stringify(owner) + '\n', { mode: 0o600 });
  } catch {
    // Only ever used to name the holder in another process's message; the lock itself is LOCK_FILE's.
  }
}

function readOwner(folder: string): Owner | null {
  try {
    const parsed = JSON.parse(readFileSync(path.join(folder, OWNER_FILE), 'utf8')) as Partial<Owner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.startedAt !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, startedAt: parsed.startedAt };
  } catch {
    return null;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return code === SQLITE_BUSY || code === SQLITE_LOCKED;
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
