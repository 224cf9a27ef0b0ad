import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStorage, StorageCorruptedError } from '../../../src/storage/fileStorage';
import { InvalidStorageKeyError } from '../../../src/storage/fileNames';
import { ETagConflictError, type StoreItem } from '../../../src/storage/storage';

let dir: string;
let storage: FileStorage;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'filestorage-'));
  storage = new FileStorage(dir);
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function readOne(key: string, from: FileStorage = storage): Promise<StoreItem | undefined> {
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
    const value = { s: 'tekst "quoted" \n ü 😀', n: -1.5e-7, z: 0, t: true, f: false, nil: null, list: [1, 'two', { three: [] }], nested: { deep: { er: {} } } };
    await storage.write({ 'k/1': value });
    const { eTag, ...rest } = (await readOne('k/1')) as StoreItem;
    expect(typeof eTag).toBe('string');
    expect(rest).toStrictEqual(value);
  });

  it('stores one JSON document per key, named by the encoded key', async () => {
    await storage.write({ 'tokens/T1:x': { n: 1 } });
    expect(await fs.readdir(dir)).toEqual(['tokens%2F%541%3Ax.json']);
    const raw = JSON.parse(await fs.readFile(path.join(dir, 'tokens%2F%541%3Ax.json'), 'utf8')) as unknown;
    expect(raw).toEqual({ v: 1, key: 'tokens/T1:x', eTag: await eTagOf('tokens/T1:x'), value: { n: 1 } });
  });

  it('names the key and file of an unreadable item, and other keys keep working', async () => {
    await storage.write({ good: { n: 1 }, bad: { n: 2 } });
    const badFile = path.join(dir, 'bad.json');
    await fs.writeFile(badFile, '{"v":1,"key":"bad","eTa');
    const failure = storage.read(['bad']);
    await expect(failure).rejects.toThrow(StorageCorruptedError);
    await expect(failure).rejects.toThrow(`the item "bad" in ${badFile} is unreadable (invalid JSON`);
    expect(await readOne('good')).toEqual({ n: 1, eTag: expect.any(String) as string });
    expect((await storage.list('')).sort()).toEqual(['bad', 'good']);
    await expect(storage.create('bad', { n: 3 })).resolves.toBe(false);
    await expect(storage.write({ bad: { n: 4, eTag: 'x' } })).rejects.toThrow(StorageCorruptedError);

    await storage.write({ bad: { n: 5 } });
    expect(await readOne('bad')).toEqual({ n: 5, eTag: expect.any(String) as string });
  });

  it('rejects a file that holds another key or is not a storage document', async () => {
    await fs.writeFile(path.join(dir, 'a.json'), JSON.stringify({ v: 1, key: 'b', eTag: 'e', value: {} }));
    await fs.writeFile(path.join(dir, 'c.json'), JSON.stringify({ n: 1 }));
    await expect(storage.read(['a'])).rejects.toThrow('it holds the item "b"');
    await expect(storage.read(['c'])).rejects.toThrow('not a storage document');
  });

  it('rejects invalid keys before touching any file', async () => {
    await expect(storage.write({ ok: { n: 1 }, '': { n: 2 } })).rejects.toThrow(InvalidStorageKeyError);
    expect(await storage.list('')).toEqual([]);
  });
});

describe('write()', () => {
  it('writes a new key without eTag, with "*" and gives every write a new eTag', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 2, eTag: '*' } });
    const first = await storage.read(['a', 'b']);
    expect(first).toEqual({ a: { n: 1, eTag: expect.any(String) as string }, b: { n: 2, eTag: expect.any(String) as string } });
    expect(first.a?.eTag).not.toBe(first.b?.eTag);

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
    await expect(storage.write({ a: { n: 1, eTag: 'some-etag' } })).rejects.toThrow(ETagConflictError);
    expect(await storage.read(['a'])).toEqual({});
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

  it('does not change the caller\'s item', async () => {
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
  it('removes the keys and accepts missing ones', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.delete(['a', 'missing', 'a']);
    expect(await storage.read(['a', 'b'])).toEqual({ b: { n: 2, eTag: expect.any(String) as string } });
    expect(await fs.readdir(dir)).toEqual(['b.json']);
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
    await fs.writeFile(path.join(dir, 'README.json'), '{}');
    expect((await storage.list('tokens/t1/')).sort()).toEqual(['tokens/t1/u1', 'tokens/t1/u2']);
    expect((await storage.list('tokens')).sort()).toEqual(['tokens/t1/u1', 'tokens/t1/u2', 'tokens/t2/u1', 'tokens:x']);
    expect((await storage.list('')).sort()).toEqual(['outbox/1', 'tokens/t1/u1', 'tokens/t1/u2', 'tokens/t2/u1', 'tokens:x']);
    expect(await storage.list('nothing/')).toEqual([]);
  });
});

describe('persistence', () => {
  it('keeps items and eTags for a new FileStorage on the same folder, which creates the folder when missing', async () => {
    const nested = path.join(dir, 'data', 'store');
    const first = new FileStorage(nested);
    await first.write({ 'a/b': { n: 1 } });
    const eTag = (await readOne('a/b', first))?.eTag;

    const second = new FileStorage(nested);
    expect(await second.read(['a/b'])).toEqual({ 'a/b': { n: 1, eTag } });
    expect(await second.list('a/')).toEqual(['a/b']);
    await second.write({ 'a/b': { n: 2, eTag } });
    expect(await readOne('a/b', new FileStorage(nested))).toEqual({ n: 2, eTag: expect.any(String) as string });
  });
});
