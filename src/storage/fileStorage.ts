import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DATA_SUFFIX, TEMP_SUFFIX, encodeKey, keyOfFileName } from './fileNames';
import { KeyedMutex } from './keyedMutex';
import { ETagConflictError, type Storage, type StoreItem, type StoreItems } from './storage';

/** What one data file holds. The key is kept inside so a misplaced or renamed file is detected. */
interface StoredDocument {
  v: 1;
  key: string;
  eTag: string;
  value: Record<string, unknown>;
}

/** A data file that exists but cannot be used (not JSON, or not a document this storage wrote). */
export class StorageCorruptedError extends Error {
  constructor(
    readonly key: string,
    readonly file: string,
    reason: string,
  ) {
    super(`FileStorage: the item "${key}" in ${file} is unreadable (${reason}); fix or delete that file.`);
    this.name = 'StorageCorruptedError';
  }
}

/**
 * `STORAGE=file`: one JSON file per key in one folder.
 *
 * Crash-safe: every change is written to a temp file in the same folder, fsynced, renamed over the target and the
 * folder is fsynced, so after a kill -9 (or power loss) each item is either its old or its new complete version,
 * and a write whose promise resolved is on disk. Leftover temp files are deleted the first time the storage is used.
 *
 * Concurrency: conditional writes, `create` and deletes are serialised per key by an in-process lock, so any number
 * of concurrent calls in one process are correct. Several processes on one folder are NOT supported (their locks do
 * not see each other); run several bot instances with `STORAGE=azure` instead.
 *
 * Writes of several keys in one call are not a transaction: every item is attempted, and the first failure (e.g.
 * an `ETagConflictError`) is thrown after all have settled. A conditional write (an eTag other than `'*'`) to a key
 * that does not exist is a conflict, like an HTTP `If-Match` on a missing resource.
 */
export class FileStorage implements Storage {
  private readonly locks = new KeyedMutex();
  private ready: Promise<void> | null = null;

  constructor(private readonly dir: string) {}

  async read(keys: string[]): Promise<StoreItems> {
    await this.init();
    const unique = [...new Set(keys)];
    const files = unique.map((key) => this.fileOf(key));
    const documents = await Promise.all(unique.map((key, i) => this.readDocument(key, files[i] as string)));
    const items: StoreItems = {};
    documents.forEach((document, i) => {
      if (document) items[unique[i] as string] = { ...document.value, eTag: document.eTag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.init();
    const entries = Object.entries(changes).map(([key, item]) => ({ key, file: this.fileOf(key), item }));
    const results = await Promise.allSettled(entries.map((entry) => this.writeOne(entry.key, entry.file, entry.item)));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  async delete(keys: string[]): Promise<void> {
    await this.init();
    const entries = [...new Set(keys)].map((key) => ({ key, file: this.fileOf(key) }));
    await Promise.all(
      entries.map((entry) =>
        this.locks.run(entry.key, async () => {
          if (await removeIfExists(entry.file)) await this.syncDir();
        }),
      ),
    );
  }

  async create(key: string, item: StoreItem): Promise<boolean> {
    await this.init();
    const file = this.fileOf(key);
    return this.locks.run(key, async () => {
      if (await exists(file)) return false;
      await this.persist(key, file, withoutETag(item));
      return true;
    });
  }

  async list(prefix: string): Promise<string[]> {
    await this.init();
    const names = await fs.readdir(this.dir);
    return names.map(keyOfFileName).filter((key): key is string => key !== null && key.startsWith(prefix));
  }

  private init(): Promise<void> {
    this.ready ??= this.prepare().catch((error: unknown) => {
      this.ready = null; // let a later call try again (e.g. after the folder's permissions were fixed)
      throw error;
    });
    return this.ready;
  }

  private async prepare(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    // Temp files are only ever left by a crash mid-write; their target still holds the previous complete version.
    const names = await fs.readdir(this.dir);
    await Promise.all(names.filter((name) => name.endsWith(TEMP_SUFFIX)).map((name) => removeIfExists(path.join(this.dir, name))));
  }

  private fileOf(key: string): string {
    return path.join(this.dir, encodeKey(key) + DATA_SUFFIX);
  }

  private writeOne(key: string, file: string, item: StoreItem): Promise<void> {
    return this.locks.run(key, async () => {
      const eTag = item.eTag;
      if (eTag !== undefined && eTag !== '' && eTag !== '*') {
        const current = await this.readDocument(key, file);
        if (!current || current.eTag !== eTag) throw new ETagConflictError(key);
      }
      await this.persist(key, file, withoutETag(item));
    });
  }

  private async readDocument(key: string, file: string): Promise<StoredDocument | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    return parseDocument(key, file, text);
  }

  private async persist(key: string, file: string, value: Record<string, unknown>): Promise<void> {
    const document: StoredDocument = { v: 1, key, eTag: newETag(), value };
    const text = JSON.stringify(document);
    const temp = `${file.slice(0, -DATA_SUFFIX.length)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
    try {
      const handle = await fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
    } catch (error) {
      await removeIfExists(temp).catch(() => undefined);
      throw error;
    }
    // The rename is only durable once the folder entry is flushed too.
    await this.syncDir();
  }

  private async syncDir(): Promise<void> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(this.dir, 'r');
      await handle.sync();
    } catch (error) {
      // Windows and a few filesystems cannot fsync a folder; there the rename itself is all we can do.
      if (!['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EACCES'].includes(errorCode(error) ?? '')) throw error;
    } finally {
      await handle?.close();
    }
  }
}

function parseDocument(key: string, file: string, text: string): StoredDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StorageCorruptedError(key, file, `invalid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed) || parsed.v !== 1 || typeof parsed.eTag !== 'string' || !isRecord(parsed.value)) {
    throw new StorageCorruptedError(key, file, 'not a storage document');
  }
  if (parsed.key !== key) {
    throw new StorageCorruptedError(key, file, `it holds the item ${JSON.stringify(parsed.key)}`);
  }
  return { v: 1, key, eTag: parsed.eTag, value: parsed.value };
}

function withoutETag(item: StoreItem): Record<string, unknown> {
  const { eTag: _eTag, ...value } = item;
  return value;
}

function newETag(): string {
  return randomBytes(12).toString('base64url');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorCode(error: unknown): string | undefined {
  return isRecord(error) && typeof error.code === 'string' ? error.code : undefined;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

async function removeIfExists(file: string): Promise<boolean> {
  try {
    await fs.unlink(file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}
