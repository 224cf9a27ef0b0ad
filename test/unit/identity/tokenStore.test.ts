import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../../../src/core/logger';
import { tokensKey } from '../../../src/core/storageKeys';
import type { UserKey } from '../../../src/core/userKey';
import { TokenCipher } from '../../../src/identity/tokenCipher';
import { TokenStore, type LinkedAccount } from '../../../src/identity/tokenStore';
import { silentLogger } from '../../../src/logger';
import { DATABASE_FILE } from '../../../src/storage/sqliteDatabase';
import { SqliteStorage } from '../../../src/storage/sqliteStorage';

const NOW = new Date('2026-11-30T16:05:00.000Z');
const clock = { now: () => NOW };
const cipher = new TokenCipher(Buffer.alloc(32, 3));
const jan: UserKey = { tenantId: 't1', aadObjectId: 'u1' };
const piet: UserKey = { tenantId: 't1', aadObjectId: 'u2' };
const account: LinkedAccount = {
  bearerToken: 'bearer-SECRET-1',
  refreshToken: 'refresh-SECRET-1',
  digiOfficeUserId: 'do-user-4711',
  userName: 'jan.devries',
  displayName: 'Jan de Vries',
  linkedAt: '2026-11-30T16:00:00.000Z',
};

function recordingLogger(): Logger & { warnings: { obj: object; msg: string }[] } {
  const warnings: { obj: object; msg: string }[] = [];
  const logger = {
    warnings,
    debug: () => undefined,
    info: () => undefined,
    warn: (obj: object, msg: string) => void warnings.push({ obj, msg }),
    error: () => undefined,
    child: () => logger,
  };
  return logger;
}

let dir: string;
let storage: SqliteStorage;
let store: TokenStore;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tokenstore-'));
  storage = SqliteStorage.open(dir);
  store = new TokenStore(storage, cipher, clock, silentLogger);
});

afterEach(async () => {
  await storage.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('save() / load()', () => {
  it('returns exactly what was saved, per user', async () => {
    await store.save(jan, account);
    expect(await store.load(jan)).toStrictEqual(account);
    expect(await store.load(piet)).toBeNull();
  });

  it('replaces the previous account on a new sign-in', async () => {
    await store.save(jan, account);
    const relinked = { ...account, bearerToken: 'bearer-2', refreshToken: null, userName: null, displayName: null, digiOfficeUserId: null };
    await store.save(jan, relinked);
    expect(await store.load(jan)).toStrictEqual(relinked);
  });

  it('stores nothing readable but the key, versions and timestamps', async () => {
    await store.save(jan, account);
    const secrets = ['bearer-SECRET-1', 'refresh-SECRET-1', 'do-user-4711', 'jan.devries', 'Jan de Vries'];
    // What is on disk, byte for byte: the database and its write-ahead log.
    for (const name of await fs.readdir(dir)) {
      const bytes = await fs.readFile(path.join(dir, name), 'utf8');
      for (const secret of secrets) expect([name, bytes.includes(secret)]).toEqual([name, false]);
    }
    await storage.close();
    const db = new DatabaseSync(path.join(dir, DATABASE_FILE), { readOnly: true });
    const rows = db.prepare('SELECT key, value FROM items').all() as Array<{ key: string; value: string }>;
    db.close();
    expect(rows.map((row) => ({ key: row.key, value: JSON.parse(row.value) as unknown }))).toEqual([
      {
        key: 'tokens/t1/u1',
        value: {
          v: 1,
          updatedAt: '2026-11-30T16:05:00.000Z',
          secret: { v: 1, iv: expect.any(String) as string, tag: expect.any(String) as string, data: expect.any(String) as string },
        },
      },
    ]);
  });

  it('reads a record copied to another user as not linked, with a warning that holds no secret', async () => {
    const logger = recordingLogger();
    store = new TokenStore(storage, cipher, clock, logger);
    await store.save(jan, account);
    const copied = (await storage.read([tokensKey(jan)]))[tokensKey(jan)];
    await storage.write({ [tokensKey(piet)]: { ...copied, eTag: '*' } });

    expect(await store.load(piet)).toBeNull();
    expect(await store.load(jan)).toStrictEqual(account);
    expect(logger.warnings).toEqual([
      {
        obj: { key: 'tokens/t1/u2', reason: 'TokenCipher: cannot decrypt (authentication failed)' },
        msg: 'token record does not decrypt; treating the user as not linked',
      },
    ]);
  });

  it('reads records under another encryption key, or of an unknown shape, as not linked', async () => {
    const logger = recordingLogger();
    await store.save(jan, account);
    expect(await new TokenStore(storage, new TokenCipher(Buffer.alloc(32, 9)), clock, logger).load(jan)).toBeNull();

    await storage.write({ [tokensKey(piet)]: { bearerToken: 'plain' } });
    expect(await new TokenStore(storage, cipher, clock, logger).load(piet)).toBeNull();

    const wrongShape = cipher.encrypt(JSON.stringify({ token: 'x' }), tokensKey(piet));
    await storage.write({ [tokensKey(piet)]: { v: 1, updatedAt: NOW.toISOString(), secret: wrongShape } });
    expect(await new TokenStore(storage, cipher, clock, logger).load(piet)).toBeNull();
    expect(logger.warnings.map((warning) => warning.msg)).toEqual([
      'token record does not decrypt; treating the user as not linked',
      'token record has an unknown shape; treating the user as not linked',
      'decrypted token record has an unknown shape; treating the user as not linked',
    ]);
  });
});

describe('loadVersioned() / replace()', () => {
  it('replaces the account when the record still has the eTag it was read with', async () => {
    await store.save(jan, account);
    const read = await store.loadVersioned(jan);
    expect(read).toEqual({ account, eTag: expect.any(String) as string });
    await expect(store.replace(jan, read?.eTag ?? '', { ...account, bearerToken: 'bearer-2' })).resolves.toBe(true);
    expect(await store.load(jan)).toStrictEqual({ ...account, bearerToken: 'bearer-2' });
  });

  it('writes nothing when the record changed or was removed since it was read', async () => {
    await store.save(jan, account);
    const stale = (await store.loadVersioned(jan))?.eTag ?? '';
    await store.save(jan, { ...account, bearerToken: 'bearer-new-sign-in' });
    await expect(store.replace(jan, stale, { ...account, bearerToken: 'bearer-2' })).resolves.toBe(false);
    expect((await store.load(jan))?.bearerToken).toBe('bearer-new-sign-in');

    const current = (await store.loadVersioned(jan))?.eTag ?? '';
    await store.remove(jan);
    await expect(store.replace(jan, current, { ...account, bearerToken: 'bearer-3' })).resolves.toBe(false);
    expect(await store.load(jan)).toBeNull();
  });
});

describe('remove()', () => {
  it('unlinks the user and accepts users that were never linked', async () => {
    await store.save(jan, account);
    await store.save(piet, account);
    await store.remove(jan);
    await store.remove({ tenantId: 't9', aadObjectId: 'nobody' });
    expect(await store.load(jan)).toBeNull();
    expect(await store.load(piet)).toStrictEqual(account);
    expect(await storage.list('tokens/')).toEqual(['tokens/t1/u2']);
  });
});
