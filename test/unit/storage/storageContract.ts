import { ETagConflictError, type Storage, type StoreItem } from '../../../src/storage/storage';

/** One backend under the contract: a fresh, empty storage per test, and a second instance over the same data. */
export interface StorageBackend {
  open(): Promise<{ storage: Storage; reopen: () => Storage }>;
  /** Runs after each test (remove folders, …). */
  cleanup?(): Promise<void>;
}

/**
 * The behaviour every `Storage` backend must have (src/storage/storage.ts), as one set of tests that each backend's
 * test file runs. Backend-specific things (file layout, blob names, corrupt data) stay in those files.
 */
export function storageContract(backend: StorageBackend): void {
  let storage: Storage;
  let reopen: () => Storage;

  beforeEach(async () => {
    ({ storage, reopen } = await backend.open());
  });
  afterEach(async () => {
    await backend.cleanup?.();
  });

  async function readOne(key: string, from: Storage = storage): Promise<StoreItem | undefined> {
    return (await from.read([key]))[key];
  }

  async function eTagOf(key: string): Promise<string> {
    const item = await readOne(key);
    if (typeof item?.eTag !== 'string') throw new Error(`no item ${key}`);
    return item.eTag;
  }

  describe('read()', () => {
    it('omits missing keys and returns stored items with their eTag', async () => {
      await storage.write({ a: { n: 1 } });
      const items = await storage.read(['a', 'missing']);
      expect(items).toEqual({ a: { n: 1, eTag: expect.any(String) as string } });
      expect(Object.keys(items)).toEqual(['a']);
    });

    it('round-trips JSON values exactly', async () => {
      const value = {
        s: 'tekst "quoted" \n ü 😀',
        n: -1.5e-7,
        z: 0,
        t: true,
        f: false,
        nil: null,
        list: [1, 'two', { three: [] }],
        nested: { deep: { er: {} } },
      };
      await storage.write({ 'k/1': value });
      const { eTag, ...rest } = (await readOne('k/1')) as StoreItem;
      expect(typeof eTag).toBe('string');
      expect(rest).toStrictEqual(value);
    });

    it('keeps keys apart that differ only in case or use any characters', async () => {
      const keys = ['Key', 'key', 'tokens/T1:x', 'a b/ü/😀', '50%', '..', 'x.', 'a//b/'];
      await storage.write(Object.fromEntries(keys.map((key, i) => [key, { i }])));
      const items = await storage.read(keys);
      expect(Object.fromEntries(keys.map((key) => [key, items[key]?.i]))).toEqual(Object.fromEntries(keys.map((key, i) => [key, i])));
      expect((await storage.list('')).sort()).toEqual([...keys].sort());
    });
  });

  describe('write()', () => {
    it('writes a new key without eTag, with "*" and gives every write a new eTag', async () => {
      await storage.write({ a: { n: 1 }, b: { n: 2, eTag: '*' } });
      const first = await storage.read(['a', 'b']);
      expect(first).toEqual({ a: { n: 1, eTag: expect.any(String) as string }, b: { n: 2, eTag: expect.any(String) as string } });

      await storage.write({ a: { n: 3 } });
      const second = await readOne('a');
      expect(second).toEqual({ n: 3, eTag: expect.any(String) as string });
      expect(second?.eTag).not.toBe(first.a?.eTag);
    });

    it('overwrites an existing key without eTag, with "*" or with an empty eTag, whatever is stored', async () => {
      await storage.write({ a: { n: 1 } });
      await storage.write({ a: { n: 2 } });
      expect(await readOne('a')).toEqual({ n: 2, eTag: expect.any(String) as string });
      await storage.write({ a: { n: 3, eTag: '*' } });
      expect(await readOne('a')).toEqual({ n: 3, eTag: expect.any(String) as string });
      await storage.write({ a: { n: 4, eTag: '' } });
      expect(await readOne('a')).toEqual({ n: 4, eTag: expect.any(String) as string });
    });

    it('writes an existing key when the eTag equals the stored one', async () => {
      await storage.write({ a: { n: 1 } });
      const eTag = await eTagOf('a');
      await storage.write({ a: { n: 2, eTag } });
      const after = await readOne('a');
      expect(after).toEqual({ n: 2, eTag: expect.any(String) as string });
      expect(after?.eTag).not.toBe(eTag);
    });

    it('throws ETagConflictError for a stale eTag and keeps the stored item', async () => {
      await storage.write({ a: { n: 1 } });
      const stale = await eTagOf('a');
      await storage.write({ a: { n: 2 } });
      const current = await readOne('a');
      const failure = storage.write({ a: { n: 3, eTag: stale } });
      await expect(failure).rejects.toThrow(ETagConflictError);
      await expect(failure).rejects.toThrow('Storage: error writing "a" due to eTag conflict.');
      expect(await readOne('a')).toEqual(current);
    });

    it('throws ETagConflictError for an eTag on a key that does not exist (it was deleted meanwhile)', async () => {
      await storage.write({ a: { n: 1 } });
      const eTag = await eTagOf('a');
      await storage.delete(['a']);
      await expect(storage.write({ a: { n: 2, eTag } })).rejects.toThrow(ETagConflictError);
      await expect(storage.write({ b: { n: 1, eTag: 'some-etag' } })).rejects.toThrow(ETagConflictError);
      expect(await storage.read(['a', 'b'])).toEqual({});
    });

    it('writes the other items of a batch when one conflicts, then throws', async () => {
      await storage.write({ a: { n: 1 } });
      await expect(storage.write({ a: { n: 2, eTag: 'stale' }, b: { n: 3 } })).rejects.toThrow(ETagConflictError);
      expect(await storage.read(['a', 'b'])).toEqual({
        a: { n: 1, eTag: expect.any(String) as string },
        b: { n: 3, eTag: expect.any(String) as string },
      });
    });

    it('lets exactly one of 20 concurrent writes with the same read eTag succeed', async () => {
      await storage.write({ a: { n: 0 } });
      const eTag = await eTagOf('a');
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => storage.write({ a: { n: i + 1, eTag } })));
      const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i + 1] : []));
      expect(winners).toHaveLength(1);
      const losers = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(losers.every((result) => result.reason instanceof ETagConflictError)).toBe(true);
      expect(await readOne('a')).toEqual({ n: winners[0], eTag: expect.any(String) as string });
    });

    it("does not change the caller's item", async () => {
      const item = { n: 1, eTag: '*' };
      await storage.write({ a: item });
      expect(item).toEqual({ n: 1, eTag: '*' });
    });
  });

  describe('create()', () => {
    it('writes a new key and returns true, ignoring any eTag on the item', async () => {
      await expect(storage.create('a', { n: 1, eTag: 'ignored' })).resolves.toBe(true);
      const item = await readOne('a');
      expect(item).toEqual({ n: 1, eTag: expect.any(String) as string });
      expect(item?.eTag).not.toBe('ignored');
    });

    it('returns false and writes nothing when the key exists', async () => {
      await storage.write({ a: { n: 1 } });
      const before = await readOne('a');
      await expect(storage.create('a', { n: 2 })).resolves.toBe(false);
      expect(await readOne('a')).toEqual(before);
    });

    it('creates again after a delete', async () => {
      await storage.create('a', { n: 1 });
      await storage.delete(['a']);
      await expect(storage.create('a', { n: 2 })).resolves.toBe(true);
      expect(await readOne('a')).toEqual({ n: 2, eTag: expect.any(String) as string });
    });

    it('returns true for exactly one of 50 concurrent creates of the same key', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => storage.create('once', { n: i })));
      const winners = results.flatMap((created, i) => (created ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(await readOne('once')).toEqual({ n: winners[0], eTag: expect.any(String) as string });
    });
  });

  describe('delete()', () => {
    it('removes the keys and accepts missing and repeated ones', async () => {
      await storage.write({ a: { n: 1 }, b: { n: 2 } });
      await storage.delete(['a', 'missing', 'a']);
      expect(await storage.read(['a', 'b'])).toEqual({ b: { n: 2, eTag: expect.any(String) as string } });
      expect(await storage.list('')).toEqual(['b']);
    });
  });

  describe('list()', () => {
    it('returns the keys that start with the prefix, prefixes with / and : included', async () => {
      await storage.write({
        'tokens/t1/u1': { n: 1 },
        'tokens/t1/u2': { n: 2 },
        'tokens/t2/u1': { n: 3 },
        'tokens:x': { n: 4 },
        'outbox/1': { n: 5 },
      });
      expect((await storage.list('tokens/t1/')).sort()).toEqual(['tokens/t1/u1', 'tokens/t1/u2']);
      expect((await storage.list('tokens')).sort()).toEqual(['tokens/t1/u1', 'tokens/t1/u2', 'tokens/t2/u1', 'tokens:x']);
      expect((await storage.list('')).sort()).toEqual(['outbox/1', 'tokens/t1/u1', 'tokens/t1/u2', 'tokens/t2/u1', 'tokens:x']);
      expect(await storage.list('nothing/')).toEqual([]);
    });
  });

  describe('a second instance over the same data (a restart, or another bot instance)', () => {
    it('sees the items with their eTags, and its conditional writes and creates are checked against the first', async () => {
      await storage.write({ 'a/b': { n: 1 } });
      const eTag = await eTagOf('a/b');
      const second = reopen();
      expect(await second.read(['a/b'])).toEqual({ 'a/b': { n: 1, eTag } });
      expect(await second.list('a/')).toEqual(['a/b']);

      await second.write({ 'a/b': { n: 2, eTag } });
      await expect(storage.write({ 'a/b': { n: 3, eTag } })).rejects.toThrow(ETagConflictError);
      expect(await readOne('a/b')).toEqual({ n: 2, eTag: expect.any(String) as string });
      await expect(second.create('c', { n: 1 })).resolves.toBe(true);
      await expect(storage.create('c', { n: 2 })).resolves.toBe(false);
    });
  });
}
