import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStorage, StorageCorruptedError } from '../../../src/storage/fileStorage';
import { InvalidStorageKeyError } from '../../../src/storage/fileNames';
import type { StoreItem } from '../../../src/storage/storage';
import { storageContract } from './storageContract';

describe('FileStorage: the storage contract', () => {
  let dir: string;
  storageContract({
    async open() {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'filestorage-'));
      return { storage: new FileStorage(dir), reopen: () => new FileStorage(dir) };
    },
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  });
});

describe('FileStorage: files', () => {
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

  it('stores one JSON document per key, named by the encoded key', async () => {
    await storage.write({ 'tokens/T1:x': { n: 1 } });
    expect(await fs.readdir(dir)).toEqual(['tokens%2F%541%3Ax.json']);
    const raw = JSON.parse(await fs.readFile(path.join(dir, 'tokens%2F%541%3Ax.json'), 'utf8')) as unknown;
    expect(raw).toEqual({ v: 1, key: 'tokens/T1:x', eTag: (await readOne('tokens/T1:x'))?.eTag, value: { n: 1 } });
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

  it('deletes the file of a deleted key', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.delete(['a', 'missing']);
    expect(await fs.readdir(dir)).toEqual(['b.json']);
  });

  it('lists only files it wrote', async () => {
    await storage.write({ 'outbox/1': { n: 1 } });
    await fs.writeFile(path.join(dir, 'README.json'), '{}');
    expect(await storage.list('')).toEqual(['outbox/1']);
  });

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
