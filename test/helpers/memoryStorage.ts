import { invalidKeyReason, invalidPrefixReason } from '../../src/storage/keyRange';
import {
  ETagConflictError,
  InvalidStorageKeyError,
  type Durability,
  type Storage,
  type StorageChange,
  type StoreItem,
  type StoreItems,
  type WriteOptions,
} from '../../src/storage/storage';

interface Data {
  items: Map<string, { eTag: string; json: string }>;
  nextETag: number;
}

/**
 * An in-memory `Storage` for unit tests that behaves as the real backends do: it passes the same contract suite
 * (test/helpers/memoryStorage.test.ts runs test/unit/storage/storageContract.ts on it). So a write of several keys
 * stores every item whose eTag holds and then throws for the first that did not; it is not all-or-nothing. Values
 * are stored as JSON, so what a test reads back is what a real backend would return, never a shared object.
 */
export class MemoryStorage implements Storage {
  /** Every call, in order (for tests that assert what was stored when), with the durability a write asked for. */
  readonly calls: Array<{ op: 'read' | 'write' | 'delete' | 'create' | 'list' | 'batch'; keys: string[]; durability?: Durability }> = [];

  constructor(private readonly data: Data = { items: new Map(), nextETag: 1 }) {}

  /** Another instance over the same data, as after a restart (its own call log). */
  reopen(): MemoryStorage {
    return new MemoryStorage(this.data);
  }

  read(keys: string[]): Promise<StoreItems> {
    this.calls.push({ op: 'read', keys: [...keys] });
    return settle(() => {
      keys.forEach(checkKey);
      const result: StoreItems = {};
      for (const key of keys) {
        const stored = this.data.items.get(key);
        if (stored) result[key] = { ...(JSON.parse(stored.json) as StoreItem), eTag: stored.eTag };
      }
      return result;
    });
  }

  write(changes: StoreItems): Promise<void> {
    this.calls.push({ op: 'write', keys: Object.keys(changes) });
    return settle(() => {
      const entries = Object.entries(changes);
      entries.forEach(([key]) => checkKey(key));
      const values = entries.map(([key, item]) => [key, item.eTag, jsonOf(item)] as const);
      let conflict: string | undefined;
      for (const [key, eTag, json] of values) {
        const conditional = eTag !== undefined && eTag !== '' && eTag !== '*';
        if (conditional && this.data.items.get(key)?.eTag !== eTag) conflict ??= key;
        else this.put(key, json);
      }
      if (conflict !== undefined) throw new ETagConflictError(conflict);
    });
  }

  delete(keys: string[]): Promise<void> {
    this.calls.push({ op: 'delete', keys: [...keys] });
    return settle(() => {
      keys.forEach(checkKey);
      for (const key of keys) this.data.items.delete(key);
    });
  }

  create(key: string, item: StoreItem, options?: WriteOptions): Promise<boolean> {
    this.calls.push({ op: 'create', keys: [key], ...options });
    return settle(() => {
      checkKey(key);
      if (this.data.items.has(key)) return false;
      this.put(key, jsonOf(item));
      return true;
    });
  }

  list(prefix: string): Promise<string[]> {
    this.calls.push({ op: 'list', keys: [prefix] });
    return settle(() => {
      const invalid = invalidPrefixReason(prefix);
      if (invalid) throw new InvalidStorageKeyError(prefix, invalid);
      return [...this.data.items.keys()].filter((key) => key.startsWith(prefix));
    });
  }

  /** Applied at once, in order, up to the first change that does not hold (as SQLite's one transaction). */
  batch(changes: StorageChange[], options?: WriteOptions): Promise<number> {
    this.calls.push({ op: 'batch', keys: changes.map((change) => change.key), ...options });
    return settle(() => {
      const steps = changes.map((change) => {
        checkKey(change.key);
        return change.op === 'delete' ? { ...change, json: '' } : { ...change, json: jsonOf(change.item) };
      });
      const failed = steps.findIndex((step) => !this.apply(step));
      return failed === -1 ? steps.length : failed;
    });
  }

  /** Everything stored, without eTags, keys sorted (for whole-state assertions). */
  snapshot(prefix = ''): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of [...this.data.items.keys()].filter((k) => k.startsWith(prefix)).sort()) {
      out[key] = JSON.parse((this.data.items.get(key) as { json: string }).json) as unknown;
    }
    return out;
  }

  private apply(step: StorageChange & { json: string }): boolean {
    const stored = this.data.items.get(step.key);
    if (step.op === 'delete') this.data.items.delete(step.key);
    else if (step.op === 'create') {
      if (stored) return false;
      this.put(step.key, step.json);
    } else {
      const eTag = step.item.eTag;
      if (eTag !== undefined && eTag !== '' && eTag !== '*' && stored?.eTag !== eTag) return false;
      this.put(step.key, step.json);
    }
    return true;
  }

  private put(key: string, json: string): void {
    this.data.items.set(key, { eTag: String(this.data.nextETag++), json });
  }
}

function checkKey(key: string): void {
  const invalid = invalidKeyReason(key);
  if (invalid) throw new InvalidStorageKeyError(key, invalid);
}

function jsonOf(item: StoreItem): string {
  const { eTag: _ignored, ...value } = item;
  return JSON.stringify(value);
}

function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
