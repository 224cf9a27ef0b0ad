import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SIGN_IN_STATE_TTL_MS, SignInStates, type SignInContext } from '../../../src/identity/signInStates';
import { SqliteStorage } from '../../../src/storage/sqliteStorage';
import type { Storage } from '../../../src/storage/storage';

const START = Date.parse('2026-11-30T16:00:00.000Z');
const context: SignInContext = { user: { tenantId: 't1', aadObjectId: 'u1' }, locale: 'nl' };

let dir: string;
let storage: SqliteStorage;
let now: number;
let states: SignInStates;

function keyOf(state: string): string {
  return `signin-state/${createHash('sha256').update(state).digest('hex')}`;
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'signinstates-'));
  storage = SqliteStorage.open(dir);
  now = START;
  states = new SignInStates(storage, { now: () => new Date(now) });
});

afterEach(async () => {
  await storage.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('issue()', () => {
  it('returns a new 256-bit base64url state each time', async () => {
    const first = await states.issue(context);
    const second = await states.issue(context);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first, 'base64url')).toHaveLength(32);
    expect(second).not.toBe(first);
  });

  it('stores the context and expiry under the hash of the state, never the state itself', async () => {
    const state = await states.issue(context);
    expect(await storage.list('')).toEqual([keyOf(state)]);
    expect(await storage.read([keyOf(state)])).toEqual({
      [keyOf(state)]: { payload: context, expiresAt: '2026-11-30T16:10:00.000Z', consumedAt: null, eTag: expect.any(String) as string },
    });
    const files = await fs.readdir(dir);
    expect(files).toContain('digioffice-tasks.sqlite-wal');
    for (const name of files) {
      expect(name).not.toContain(state);
      expect(await fs.readFile(path.join(dir, name), 'utf8')).not.toContain(state);
    }
  });
});

describe('peek()', () => {
  it('returns the context of a valid state without using it up', async () => {
    const state = await states.issue(context);
    expect(await states.peek(state)).toEqual(context);
    expect(await states.peek(state)).toEqual(context);
    expect(await states.consume(state)).toEqual(context);
  });

  it('returns null for unknown and malformed states', async () => {
    await states.issue(context);
    for (const state of ['', 'abc', 'A'.repeat(43), '../../etc/passwd', `${'A'.repeat(42)}/`, 'A'.repeat(44)]) {
      expect(await states.peek(state)).toBeNull();
      expect(await states.consume(state)).toBeNull();
    }
  });
});

describe('consume()', () => {
  it('returns the context once, then null, and deletes the record', async () => {
    const state = await states.issue(context);
    expect(await states.consume(state)).toEqual(context);
    expect(await states.consume(state)).toBeNull();
    expect(await states.peek(state)).toBeNull();
    expect(await storage.list('signin-state/')).toEqual([]);
  });

  it('returns the context to exactly one of 20 concurrent calls', async () => {
    const state = await states.issue(context);
    const results = await Promise.all(Array.from({ length: 20 }, () => states.consume(state)));
    expect(results.filter((result) => result !== null)).toEqual([context]);
    expect(await storage.list('')).toEqual([]);
  });

  it('gives the context only to the first claim when two calls both read the unused record', async () => {
    const state = await states.issue(context);
    let reads = 0;
    let bothRead!: () => void;
    const bothHaveRead = new Promise<void>((resolve) => (bothRead = resolve));
    const racing: Storage = {
      read: async (keys) => {
        const items = await storage.read(keys);
        if (++reads === 2) bothRead();
        return items;
      },
      write: async (changes) => {
        await bothHaveRead;
        await storage.write(changes);
      },
      delete: (keys) => storage.delete(keys),
      create: (key, item) => storage.create(key, item),
      list: (prefix) => storage.list(prefix),
      batch: (changes) => storage.batch(changes),
    };
    const racingStates = new SignInStates(racing, { now: () => new Date(now) });
    const results = await Promise.all([racingStates.consume(state), racingStates.consume(state)]);
    expect(reads).toBe(2);
    expect(results.filter((result) => result !== null)).toEqual([context]);
  });

  it('treats a record already marked consumed as used (a crash between marking and deleting)', async () => {
    const state = await states.issue(context);
    const key = keyOf(state);
    const item = (await storage.read([key]))[key];
    await storage.write({ [key]: { ...item, consumedAt: '2026-11-30T16:01:00.000Z' } });
    expect(await states.peek(state)).toBeNull();
    expect(await states.consume(state)).toBeNull();
  });

  it('leaves other states usable', async () => {
    const first = await states.issue(context);
    const other = { ...context, locale: 'en' as const };
    const second = await states.issue(other);
    expect(await states.consume(first)).toEqual(context);
    expect(await states.consume(second)).toEqual(other);
  });
});

describe('expiry', () => {
  it('keeps a state valid until 10 minutes after issue', async () => {
    const state = await states.issue(context);
    now = START + SIGN_IN_STATE_TTL_MS - 1;
    expect(await states.peek(state)).toEqual(context);
    expect(await states.consume(state)).toEqual(context);
  });

  it('returns null from peek after 10 minutes and deletes the record', async () => {
    const state = await states.issue(context);
    now = START + 10 * 60 * 1000;
    expect(await states.peek(state)).toBeNull();
    expect(await storage.list('')).toEqual([]);
  });

  it('returns null from consume after 10 minutes and deletes the record', async () => {
    const state = await states.issue(context);
    now = START + 10 * 60 * 1000 + 1;
    expect(await states.consume(state)).toBeNull();
    expect(await storage.list('')).toEqual([]);
  });

  it('uses the TTL given to the constructor', async () => {
    states = new SignInStates(storage, { now: () => new Date(now) }, 1000);
    const state = await states.issue(context);
    now = START + 1000;
    expect(await states.consume(state)).toBeNull();
  });
});
