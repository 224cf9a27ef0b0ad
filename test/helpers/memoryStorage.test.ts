import { ETagConflictError } from '../../src/storage/storage';
import { storageContract } from '../unit/storage/storageContract';
import { MemoryStorage } from './memoryStorage';

describe('MemoryStorage: the storage contract (as the real backends)', () => {
  storageContract({
    shared: false,
    open() {
      const storage = new MemoryStorage();
      return Promise.resolve({ storage, restart: () => Promise.resolve(storage.reopen()) });
    },
  });
});

describe('MemoryStorage', () => {
  it('reads what was written, with an eTag, and omits missing keys', async () => {
    const storage = new MemoryStorage();
    await storage.write({ a: { n: 1, nested: { list: [1, 'two'] } } });
    expect(await storage.read(['a', 'missing'])).toEqual({ a: { n: 1, nested: { list: [1, 'two'] }, eTag: '1' } });
  });

  it('stores copies as JSON, never the caller object', async () => {
    const storage = new MemoryStorage();
    const item = { list: [1], at: new Date('2026-11-30T16:00:00.000Z'), gone: undefined };
    await storage.write({ a: item });
    item.list.push(2);
    const read = await storage.read(['a']);
    (read.a as { list: number[] }).list.push(3);
    expect(await storage.read(['a'])).toEqual({ a: { list: [1], at: '2026-11-30T16:00:00.000Z', eTag: '1' } });
  });

  it('overwrites without eTag, with "*" or "", and gives every write a new eTag', async () => {
    const storage = new MemoryStorage();
    await storage.write({ a: { n: 1 } });
    await storage.write({ a: { n: 2, eTag: '*' } });
    await storage.write({ a: { n: 3, eTag: '' } });
    expect(await storage.read(['a'])).toEqual({ a: { n: 3, eTag: '3' } });
  });

  it('writes with a matching eTag and refuses a stale one, writing the other items of that call', async () => {
    const storage = new MemoryStorage();
    await storage.write({ a: { n: 1 } });
    const { a } = await storage.read(['a']);
    await storage.write({ a: { n: 2, eTag: a?.eTag } });
    const stale = storage.write({ b: { n: 9 }, a: { n: 3, eTag: a?.eTag } });
    await expect(stale).rejects.toBeInstanceOf(ETagConflictError);
    await expect(stale).rejects.toThrow('Storage: error writing "a" due to eTag conflict.');
    expect(storage.snapshot()).toEqual({ a: { n: 2 }, b: { n: 9 } });
  });

  it('treats a conditional write to a missing key as a conflict', async () => {
    const storage = new MemoryStorage();
    await expect(storage.write({ a: { n: 1, eTag: '7' } })).rejects.toBeInstanceOf(ETagConflictError);
    expect(storage.snapshot()).toEqual({});
  });

  it('creates only when absent', async () => {
    const storage = new MemoryStorage();
    expect(await storage.create('a', { n: 1, eTag: 'ignored' })).toBe(true);
    expect(await storage.create('a', { n: 2 })).toBe(false);
    expect(await storage.read(['a'])).toEqual({ a: { n: 1, eTag: '1' } });
  });

  it('deletes (missing keys are fine) and lists by prefix', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'outbox/1': {}, 'outbox/2': {}, 'outbox-key/x': {}, other: {} });
    await storage.delete(['outbox/2', 'missing']);
    expect((await storage.list('outbox/')).sort()).toEqual(['outbox/1']);
    expect((await storage.list('outbox')).sort()).toEqual(['outbox-key/x', 'outbox/1']);
    expect((await storage.list('')).length).toBe(3);
  });

  it('records its calls', async () => {
    const storage = new MemoryStorage();
    await storage.create('a', {});
    await storage.read(['a']);
    expect(storage.calls).toEqual([
      { op: 'create', keys: ['a'] },
      { op: 'read', keys: ['a'] },
    ]);
  });
});
