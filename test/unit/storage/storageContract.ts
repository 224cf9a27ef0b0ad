import { ETagConflictError, type Storage, type StoreItem } from '../../../src/storage/storage';

/** A fresh, empty store of one backend, and what the contract needs to reach its data again. */
export interface OpenedStore {
  storage: Storage;
  /** The same data after a restart: `storage` is closed (where the backend has anything to close) and a new instance opened. */
  restart(): Promise<Storage>;
  /** Backends several instances use at once (`shared`): another instance over the same data while the first is in use. */
  second?(): Storage;
}

/** One backend under the contract. */
export interface StorageBackend {
  /** Several instances use one store at once (Azure); the embedded store has one owner at a time. */
  shared: boolean;
  open(): Promise<OpenedStore>;
  /** Runs after each test (close, remove folders, …). */
  cleanup?(): Promise<void>;
}

/**
 * The behaviour every `Storage` backend must have (src/storage/storage.ts), as one set of tests that each backend's
 * test file runs (the in-memory test double too). Backend-specific things (files, blob names, corrupt data, locks)
 * stay in those files.
 */
export function storageContract(backend: StorageBackend): void {
  let store: OpenedStore;
  let storage: Storage;

  beforeEach(async () => {
    store = await backend.open();
    storage = store.storage;
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
      const keys = ['Key', 'key', 'tokens/T1:x', 'a b/ü/😀', '50%', '..', 'x.', 'a//b/', 'nul\u0000byte', '\u{10FFFF}', ' '];
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

    it('throws for the first conflicting key in the order given and writes every other item', async () => {
      await storage.write({ a: { n: 1 }, b: { n: 1 } });
      const failure = storage.write({ x: { n: 2 }, b: { n: 2, eTag: 'stale-b' }, y: { n: 2 }, a: { n: 2, eTag: 'stale-a' } });
      await expect(failure).rejects.toThrow('Storage: error writing "b" due to eTag conflict.');
      expect(await storage.read(['a', 'b', 'x', 'y'])).toEqual({
        a: { n: 1, eTag: expect.any(String) as string },
        b: { n: 1, eTag: expect.any(String) as string },
        x: { n: 2, eTag: expect.any(String) as string },
        y: { n: 2, eTag: expect.any(String) as string },
      });
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

  describe('batch()', () => {
    const any = expect.any(String) as string;

    it('applies every change in order and answers how many: writes (with and without eTag), creates and deletes', async () => {
      await storage.write({ a: { n: 1 }, gone: { n: 1 } });
      const eTag = await eTagOf('a');
      const applied = await storage.batch([
        { op: 'write', key: 'a', item: { n: 2, eTag } },
        { op: 'create', key: 'b', item: { n: 1, eTag: 'ignored' } },
        { op: 'write', key: 'b', item: { n: 2, eTag: '*' } },
        { op: 'write', key: 'c', item: { n: 1 } },
        { op: 'delete', key: 'gone' },
        { op: 'delete', key: 'never-there' },
      ]);
      expect(applied).toBe(6);
      expect(await storage.read(['a', 'b', 'c', 'gone'])).toEqual({
        a: { n: 2, eTag: any },
        b: { n: 2, eTag: any },
        c: { n: 1, eTag: any },
      });
      expect((await readOne('a'))?.eTag).not.toBe(eTag);
      expect(await storage.batch([])).toBe(0);
    });

    it('stops at a conditional write whose eTag does not hold: the changes before it are applied, it and the rest are not', async () => {
      await storage.write({ a: { n: 1 }, d: { n: 1 } });
      const stale = await eTagOf('a');
      await storage.write({ a: { n: 2 } });
      const applied = await storage.batch([
        { op: 'write', key: 'x', item: { n: 1 } },
        { op: 'write', key: 'a', item: { n: 3, eTag: stale } },
        { op: 'write', key: 'y', item: { n: 1 } },
        { op: 'delete', key: 'd' },
      ]);
      expect(applied).toBe(1);
      expect(await storage.read(['a', 'd', 'x', 'y'])).toEqual({ a: { n: 2, eTag: any }, d: { n: 1, eTag: any }, x: { n: 1, eTag: any } });
      expect(await storage.batch([{ op: 'write', key: 'missing', item: { n: 1, eTag: stale } }])).toBe(0);
      expect(await storage.read(['missing'])).toEqual({});
    });

    it('stops at a create of a key that exists, leaving that item as it was', async () => {
      await storage.write({ k: { n: 1 } });
      const before = await readOne('k');
      const applied = await storage.batch([
        { op: 'write', key: 'record', item: { n: 1 } },
        { op: 'create', key: 'k', item: { n: 2 } },
        { op: 'write', key: 'after', item: { n: 1 } },
      ]);
      expect(applied).toBe(1);
      expect(await storage.read(['k', 'record', 'after'])).toEqual({ k: before, record: { n: 1, eTag: any } });
    });

    it('applies changes of one key one after another: create, overwrite, delete, create again', async () => {
      const applied = await storage.batch([
        { op: 'create', key: 'k', item: { n: 1 } },
        { op: 'write', key: 'k', item: { n: 2 } },
        { op: 'delete', key: 'k' },
        { op: 'create', key: 'k', item: { n: 3 } },
      ]);
      expect(applied).toBe(4);
      expect(await storage.read(['k'])).toEqual({ k: { n: 3, eTag: any } });
    });

    it('lets exactly one of 20 concurrent batches that start with the same create apply, the others nothing', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          storage.batch([
            { op: 'create', key: 'claim', item: { n: i } },
            { op: 'write', key: `then/${i}`, item: { n: i } },
          ]),
        ),
      );
      const winners = results.flatMap((applied, i) => (applied === 2 ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter((applied) => applied === 0)).toHaveLength(19);
      expect(await storage.list('then/')).toEqual([`then/${winners[0]}`]);
      expect(await readOne('claim')).toEqual({ n: winners[0], eTag: any });
    });

    it('refuses an invalid key before applying anything', async () => {
      for (const bad of ['', 'a\uD800']) {
        await expect(
          storage.batch([
            { op: 'write', key: 'fine', item: { n: 1 } },
            { op: 'delete', key: bad },
          ]),
        ).rejects.toThrow(/invalid key/);
      }
      expect(await storage.list('')).toEqual([]);
    });

    it('is seen by reads as soon as it resolves, also after a restart', async () => {
      await storage.batch([
        { op: 'write', key: 'a/1', item: { n: 1 } },
        { op: 'create', key: 'a/2', item: { n: 2 } },
      ]);
      expect((await storage.list('a/')).sort()).toEqual(['a/1', 'a/2']);
      const restarted = await store.restart();
      expect(await restarted.read(['a/1', 'a/2'])).toEqual({ 'a/1': { n: 1, eTag: any }, 'a/2': { n: 2, eTag: any } });
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

    it('treats % and _ as plain characters, not wildcards', async () => {
      await storage.write(Object.fromEntries(['50%', '50%off', '5000', '50x', '5_1', '5a1', '5_'].map((key) => [key, {}])));
      expect((await storage.list('50%')).sort()).toEqual(['50%', '50%off']);
      expect((await storage.list('5_')).sort()).toEqual(['5_', '5_1']);
      expect(await storage.list('%')).toEqual([]);
      expect(await storage.list('_')).toEqual([]);
    });

    it('lists exactly the keys of prefixes that end near the edges of Unicode (U+D7FF, U+FFFF, U+10FFFF)', async () => {
      const keys = [
        'p\uD7FF',
        'p\uD7FFx',
        'p\uE000',
        'p\uFFFE',
        'p\uFFFF',
        'p\uFFFF\uFFFF',
        'p\uFFFFz',
        'p\u{10000}',
        'p\u{1F600}',
        'p\u{1F600}/a',
        'p\u{1F601}',
        'p\u{10FFFF}',
        'p\u{10FFFF}\u{10FFFF}',
        'p\u{10FFFF}a',
        'q',
        'o\u{10FFFF}',
      ];
      await storage.write(Object.fromEntries(keys.map((key) => [key, {}])));
      const list = async (prefix: string) => (await storage.list(prefix)).sort();
      const sorted = (expected: string[]) => [...expected].sort();
      expect(await list('p\uD7FF')).toEqual(sorted(['p\uD7FF', 'p\uD7FFx']));
      expect(await list('p\uFFFF')).toEqual(sorted(['p\uFFFF', 'p\uFFFF\uFFFF', 'p\uFFFFz']));
      expect(await list('p\u{1F600}')).toEqual(sorted(['p\u{1F600}', 'p\u{1F600}/a']));
      expect(await list('p\u{10FFFF}')).toEqual(sorted(['p\u{10FFFF}', 'p\u{10FFFF}\u{10FFFF}', 'p\u{10FFFF}a']));
      expect(await list('p\u{10FFFF}\u{10FFFF}')).toEqual(['p\u{10FFFF}\u{10FFFF}']);
      expect(await list('\u{10FFFF}')).toEqual([]);
      expect((await list('p')).length).toBe(14);
    });
  });

  describe('keys', () => {
    it('refuses an empty key or one with a lone surrogate, and writes nothing of that call', async () => {
      for (const bad of ['', 'a\uD800', 'a\uDC00b']) {
        await expect(storage.write({ fine: { n: 1 }, [bad]: { n: 2 } })).rejects.toThrow(/invalid key/);
        await expect(storage.create(bad, { n: 1 })).rejects.toThrow(/invalid key/);
        await expect(storage.read([bad])).rejects.toThrow(/invalid key/);
        await expect(storage.delete([bad])).rejects.toThrow(/invalid key/);
      }
      await expect(storage.list('a\uD800')).rejects.toThrow(/invalid key/);
      expect(await storage.list('')).toEqual([]);
    });
  });

  describe('a restart over the same data', () => {
    it('sees the items with their eTags and listings, and checks conditional writes and creates against them', async () => {
      await storage.write({ 'a/b': { n: 1 }, 'a/c': { n: 2 } });
      const eTag = await eTagOf('a/b');
      const restarted = await store.restart();
      expect(await restarted.read(['a/b'])).toEqual({ 'a/b': { n: 1, eTag } });
      expect((await restarted.list('a/')).sort()).toEqual(['a/b', 'a/c']);

      await restarted.write({ 'a/b': { n: 2, eTag } });
      await expect(restarted.write({ 'a/b': { n: 3, eTag } })).rejects.toThrow(ETagConflictError);
      expect(await readOne('a/b', restarted)).toEqual({ n: 2, eTag: expect.any(String) as string });
      await expect(restarted.create('a/c', { n: 9 })).resolves.toBe(false);
    });

    it('never gives a new write an eTag an earlier run gave out', async () => {
      const given = new Set<string>();
      for (let n = 0; n < 5; n++) {
        await storage.write({ a: { n } });
        given.add(await eTagOf('a'));
      }
      const restarted = await store.restart();
      for (let n = 0; n < 5; n++) {
        await restarted.write({ a: { n } });
        const eTag = (await readOne('a', restarted))?.eTag as string;
        expect(given.has(eTag)).toBe(false);
        given.add(eTag);
      }
    });
  });

  if (backend.shared) {
    describe('a second instance over the same data (another bot instance)', () => {
      it('sees the items with their eTags, and its conditional writes and creates are checked against the first', async () => {
        await storage.write({ 'a/b': { n: 1 } });
        const eTag = await eTagOf('a/b');
        const second = (store.second as () => Storage)();
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
}
