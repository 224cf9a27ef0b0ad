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

/**
 * `FULL`: every commit is fsynced before it returns, so what the bot acknowledged survives a power cut too, not only
 * a killed process (`NORMAL` in WAL mode may lose the last commits on a power cut). Measured costs and the reasoning
 * are in docs/deployment.md ("Durability").
 */
export const SYNCHRONOUS = 'FULL';

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

/**
 * Opens (creating when absent) the database in `dir` for this process alone, or throws `StorageOpenError`.
 *
 * The folder is created 0700 and the database 0600 (SQLite gives its WAL file the database's mode). The connection
 * takes SQLite's exclusive lock at once and holds it until closed: the lock is the operating system's (a POSIX
 * advisory lock), so it ends with the process however that ends, and a kill -9 never blocks the next start. In
 * exclusive mode SQLite keeps the WAL index in memory, so there is no `-shm` file either.
 */
export function openDatabase(dir: string): DatabaseSync {
  const folder = path.resolve(dir);
  const file = path.join(folder, DATABASE_FILE);
  createPrivately(folder, file);
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { timeout: 0 });
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(`PRAGMA synchronous = ${SYNCHRONOUS}`);
    // An empty write transaction: the exclusive lock is taken now, at start, not at the first real write.
    db.exec('BEGIN IMMEDIATE; COMMIT');
    db.exec(SCHEMA);
  } catch (error) {
    db?.close();
    if (isBusy(error)) throw new StorageOpenError(inUseMessage(folder), { cause: error });
    throw new StorageOpenError(`STORAGE_DIR ${folder}: the database ${DATABASE_FILE} cannot be opened: ${messageOf(error)}`, {
      cause: error,
    });
  }
  writeOwner(folder);
  return db;
}

function createPrivately(folder: string, file: string): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StorageOpenError(`STORAGE_DIR ${folder} cannot be created: ${messageOf(error)}`, { cause: error });
  }
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new StorageOpenError(`STORAGE_DIR ${folder}: the database ${DATABASE_FILE} cannot be created: ${messageOf(error)}`, {
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
    // Only ever used to name the holder in another process's message; the lock itself is SQLite's.
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
