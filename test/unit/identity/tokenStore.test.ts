import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../../../src/core/logger';
import { tokensKey } from '../../../src/core/storageKeys';
import type { UserKey } from '../../../src/core/userKey';
import { TokenCipher, TokenDecryptionError } from '../../../src/identity/tokenCipher';
import { TokenStore, type LinkedAccount } from '../../../src/identity/tokenStore';
import { silentLogger } from '../../../src/logger';
import { DATABASE_FILE } from '../../../src/storage/sqliteDatabase';
import { SqliteStorage } from '../../../src/storage/sqliteStorage';

const NOW = new Date('2026-11-30T16:05:00.000Z');
const clock = { now: () => NOW };
/** Keys of 32 different bytes each (the configuration refuses keys with fewer than 16 different values). */
function keyOf(seed: number): Buffer {
  return Buffer.from(Array.from({ length: 32 }, (_, i) => (seed + i * 29) % 256));
}
const OLD_KEY = keyOf(3);
const NEW_KEY = keyOf(101);
const cipher = new TokenCipher(OLD_KEY);
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
    expect(await new TokenStore(storage, new TokenCipher(keyOf(9)), clock, logger).load(jan)).toBeNull();

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

describe('a key rotation (TOKEN_ENCRYPTION_KEY_PREVIOUS)', () => {
  it('reads a record of the previous key, and stores it again under the new key only', async () => {
    await store.save(jan, account);
    const before = (await storage.read([tokensKey(jan)]))[tokensKey(jan)];
    const logger = recordingLogger();
    const rotated = new TokenStore(storage, new TokenCipher(NEW_KEY, OLD_KEY), clock, logger);

    expect(await rotated.load(jan)).toStrictEqual(account);

    const after = (await storage.read([tokensKey(jan)]))[tokensKey(jan)];
    expect(after?.secret).not.toEqual(before?.secret);
    expect(new TokenCipher(NEW_KEY).decrypt(after?.secret, tokensKey(jan))).toBe(JSON.stringify(account));
    expect(() => new TokenCipher(OLD_KEY).decrypt(after?.secret, tokensKey(jan))).toThrow(TokenDecryptionError);
    // Read again: already under the new key, so nothing is written.
    const eTag = after?.eTag;
    expect(await rotated.load(jan)).toStrictEqual(account);
    expect((await storage.read([tokensKey(jan)]))[tokensKey(jan)]?.eTag).toBe(eTag);
    expect(logger.warnings).toEqual([]);
  });

  it('keeps a sign-in that happened since the read: the new record is not overwritten', async () => {
    await store.save(jan, account);
    const rotated = new TokenStore(storage, new TokenCipher(NEW_KEY, OLD_KEY), clock, silentLogger);
    const racing = new TokenStore(
      {
        ...storage,
        read: async (keys) => {
          const items = await storage.read(keys);
          // Between this read and the rewrite, the user signs in anew.
          await rotated.save(jan, { ...account, bearerToken: 'bearer-new-sign-in' });
          return items;
        },
        write: (changes) => storage.write(changes),
        delete: (keys) => storage.delete(keys),
        create: (key, item) => storage.create(key, item),
        list: (prefix) => storage.list(prefix),
        batch: (changes) => storage.batch(changes),
      },
      new TokenCipher(NEW_KEY, OLD_KEY),
      clock,
      silentLogger,
    );
    await racing.loadVersioned(jan);
    expect((await rotated.load(jan))?.bearerToken).toBe('bearer-new-sign-in');
  });

  it('warns once per user about a record neither key decrypts, and reads it as not linked every time', async () => {
    await store.save(jan, account);
    await store.save(piet, account);
    const logger = recordingLogger();
    const lost = new TokenStore(storage, new TokenCipher(NEW_KEY, keyOf(9)), clock, logger);

    for (let i = 0; i < 3; i++) {
      expect(await lost.load(jan)).toBeNull();
      expect(await lost.load(piet)).toBeNull();
    }
    expect(logger.warnings).toEqual([
      {
        obj: { key: 'tokens/t1/u1', reason: 'TokenCipher: cannot decrypt (authentication failed)' },
        msg: 'token record does not decrypt; treating the user as not linked',
      },
      {
        obj: { key: 'tokens/t1/u2', reason: 'TokenCipher: cannot decrypt (authentication failed)' },
        msg: 'token record does not decrypt; treating the user as not linked',
      },
    ]);
    // After a new sign-in, a record that breaks again is reported again.
    await lost.save(jan, account);
    await storage.write({ [tokensKey(jan)]: { ...(await storage.read([tokensKey(piet)]))[tokensKey(piet)], eTag: '*' } });
    expect(await lost.load(jan)).toBeNull();
    expect(logger.warnings).toHaveLength(3);
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
