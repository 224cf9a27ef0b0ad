import { ETagConflictError, type Storage, type StoreItem, type StoreItems } from '../../src/storage/storage';

/**
 * An in-memory `Storage` for unit tests, with the interface's eTag rules: a write without eTag, with `''` or `'*'`
 * overwrites; any other eTag must equal the stored one (a conditional write to a missing key is a conflict), else
 * `ETagConflictError` and nothing of that call is written. Values are stored as JSON, so what a test reads back is
 * what a real backend would return, never a shared object.
 */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, { eTag: string; json: string }>();
  private nextETag = 1;
  /** Every call, in order (for tests that assert what was stored when). */
  readonly calls: Array<{ op: 'read' | 'write' | 'delete' | 'create' | 'list'; keys: string[] }> = [];

  read(keys: string[]): Promise<StoreItems> {
    this.calls.push({ op: 'read', keys: [...keys] });
    const result: StoreItems = {};
    for (const key of keys) {
      const stored = this.items.get(key);
      if (stored) result[key] = { ...(JSON.parse(stored.json) as StoreItem), eTag: stored.eTag };
    }
    return Promise.resolve(result);
  }

  write(changes: StoreItems): Promise<void> {
    this.calls.push({ op: 'write', keys: Object.keys(changes) });
    for (const [key, item] of Object.entries(changes)) {
      const eTag = item.eTag;
      if (eTag !== undefined && eTag !== '' && eTag !== '*' && this.items.get(key)?.eTag !== eTag) {
        return Promise.reject(new ETagConflictError(key));
      }
    }
    for (const [key, item] of Object.entries(changes)) this.put(key, item);
    return Promise.resolve();
  }

  delete(keys: string[]): Promise<void> {
    this.calls.push({ op: 'delete', keys: [...keys] });
    for (const key of keys) this.items.delete(key);
    return Promise.resolve();
  }

  create(key: string, item: StoreItem): Promise<boolean> {
    this.calls.push({ op: 'create', keys: [key] });
    if (this.items.has(key)) return Promise.resolve(false);
    this.put(key, item);
    return Promise.resolve(true);
  }

  list(prefix: string): Promise<string[]> {
    this.calls.push({ op: 'list', keys: [prefix] });
    return Promise.resolve([...this.items.keys()].filter((key) => key.startsWith(prefix)));
  }

  /** Everything stored, without eTags, keys sorted (for whole-state assertions). */
  snapshot(prefix = ''): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of [...this.items.keys()].filter((k) => k.startsWith(prefix)).sort()) {
      out[key] = JSON.parse((this.items.get(key) as { json: string }).json) as unknown;
    }
    return out;
  }

  private put(key: string, item: StoreItem): void {
    const { eTag: _ignored, ...value } = item;
    this.items.set(key, { eTag: String(this.nextETag++), json: JSON.stringify(value) });
  }
}
