import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SignInRequiredError, type ActingAccount } from '../../../src/core/session';
import type { UserKey } from '../../../src/core/userKey';
import { TokenCipher } from '../../../src/identity/tokenCipher';
import { TokenStore, type LinkedAccount } from '../../../src/identity/tokenStore';
import { UserSession, type DigiOfficeAuthApi } from '../../../src/identity/userSession';
import { silentLogger } from '../../../src/logger';
import { SqliteStorage } from '../../../src/storage/sqliteStorage';
import { eventually } from '../../helpers/eventually';

class Unauthorized extends Error {}

const jan: UserKey = { tenantId: 't1', aadObjectId: 'u1' };
const piet: UserKey = { tenantId: 't1', aadObjectId: 'u2' };
const account: LinkedAccount = {
  bearerToken: 'b1',
  refreshToken: 'r1',
  digiOfficeUserId: '4711',
  userName: 'jan',
  displayName: 'Jan de Vries',
  linkedAt: '2026-11-30T16:00:00.000Z',
};

function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** DigiOffice's refresh endpoint: answers each refresh token with the next bearer of `issue`, or fails. */
class FakeAuth implements DigiOfficeAuthApi {
  readonly refreshed: string[] = [];
  failure: Error | null = null;
  before: Promise<void> = Promise.resolve();
  private issued = 1;

  async refreshAccessToken(refreshToken: string): Promise<string> {
    this.refreshed.push(refreshToken);
    await this.before;
    if (this.failure) throw this.failure;
    return `b${++this.issued}`;
  }
}

/** A DigiOffice call that accepts only the bearers in `valid`, recording every bearer it received. */
function fakeCall(valid: Set<string>) {
  const bearers: string[] = [];
  const call = (bearer: string): Promise<string> => {
    bearers.push(bearer);
    return valid.has(bearer) ? Promise.resolve(`result for ${bearer}`) : Promise.reject(new Unauthorized(bearer));
  };
  return { bearers, call };
}

let dir: string;
let storage: SqliteStorage;
let tokens: TokenStore;
let auth: FakeAuth;
let session: UserSession;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'usersession-'));
  storage = SqliteStorage.open(dir);
  tokens = new TokenStore(storage, new TokenCipher(Buffer.alloc(32, 5)), { now: () => new Date('2026-11-30T17:00:00.000Z') }, silentLogger);
  auth = new FakeAuth();
  session = new UserSession({
    tokens,
    auth,
    isUnauthorized: (err) => err instanceof Unauthorized,
    isRefreshRejected: (err) => err instanceof Unauthorized,
  });
  await tokens.save(jan, account);
});

afterEach(async () => {
  await storage.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function expectSignInRequired(promise: Promise<unknown>, reason: 'notLinked' | 'expired'): Promise<void> {
  const error: unknown = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(SignInRequiredError);
  expect((error as SignInRequiredError).reason).toBe(reason);
}

describe('callAsUser()', () => {
  it('calls with the stored bearer and returns the result', async () => {
    const { bearers, call } = fakeCall(new Set(['b1']));
    await expect(session.callAsUser(jan, call)).resolves.toBe('result for b1');
    expect(bearers).toEqual(['b1']);
    expect(auth.refreshed).toEqual([]);
    expect(await tokens.load(jan)).toStrictEqual(account);
  });

  it("hands the call the user's name from the same read of the tokens, also on the retry after a refresh", async () => {
    const accounts: ActingAccount[] = [];
    const { call } = fakeCall(new Set(['b2']));
    const named = (bearer: string, acting: ActingAccount) => {
      accounts.push(acting);
      return call(bearer);
    };
    await expect(session.callAsUser(jan, named)).resolves.toBe('result for b2');
    const jans = { displayName: 'Jan de Vries', digiOfficeUserId: '4711' };
    expect(accounts).toEqual([jans, jans]);

    // Without a display name, the account's user name (as AccountLinking.displayName answers).
    await tokens.save(piet, { ...account, displayName: null, digiOfficeUserId: null });
    await expect(session.callAsUser(piet, (_bearer, acting) => Promise.resolve(acting))).resolves.toEqual({
      displayName: 'jan',
      digiOfficeUserId: null,
    });
  });

  it('throws SignInRequiredError(notLinked) without calling when no account is linked', async () => {
    const { bearers, call } = fakeCall(new Set(['b1']));
    await expectSignInRequired(session.callAsUser(piet, call), 'notLinked');
    expect(bearers).toEqual([]);
  });

  it('passes other errors through, without refreshing or unlinking', async () => {
    const outage = new Error('DigiOffice 503');
    await expect(session.callAsUser(jan, () => Promise.reject(outage))).rejects.toBe(outage);
    expect(auth.refreshed).toEqual([]);
    expect(await tokens.load(jan)).toStrictEqual(account);
  });

  it('refreshes once on 401, stores the new bearer and retries with it', async () => {
    const { bearers, call } = fakeCall(new Set(['b2']));
    await expect(session.callAsUser(jan, call)).resolves.toBe('result for b2');
    expect(bearers).toEqual(['b1', 'b2']);
    expect(auth.refreshed).toEqual(['r1']);
    expect(await tokens.load(jan)).toStrictEqual({ ...account, bearerToken: 'b2' });
  });

  it('unlinks and throws expired on 401 when there is no refresh token', async () => {
    await tokens.save(jan, { ...account, refreshToken: null });
    const { bearers, call } = fakeCall(new Set());
    await expectSignInRequired(session.callAsUser(jan, call), 'expired');
    expect(bearers).toEqual(['b1']);
    expect(auth.refreshed).toEqual([]);
    expect(await tokens.load(jan)).toBeNull();
  });

  it('unlinks and throws expired when DigiOffice rejects the refresh token', async () => {
    auth.failure = new Unauthorized('r1');
    const { bearers, call } = fakeCall(new Set(['b2']));
    await expectSignInRequired(session.callAsUser(jan, call), 'expired');
    expect(bearers).toEqual(['b1']);
    expect(auth.refreshed).toEqual(['r1']);
    expect(await tokens.load(jan)).toBeNull();
  });

  it('passes an outage during the refresh through and keeps the tokens (nobody is signed out by a timeout)', async () => {
    const outage = new Error('DigiOffice timed out');
    auth.failure = outage;
    const { bearers, call } = fakeCall(new Set(['b2']));
    await expect(session.callAsUser(jan, call)).rejects.toBe(outage);
    expect(bearers).toEqual(['b1']);
    expect(auth.refreshed).toEqual(['r1']);
    expect(await tokens.load(jan)).toEqual(account);
  });

  it('unlinks and throws expired when the retry is unauthorized again', async () => {
    const { bearers, call } = fakeCall(new Set());
    await expectSignInRequired(session.callAsUser(jan, call), 'expired');
    expect(bearers).toEqual(['b1', 'b2']);
    expect(auth.refreshed).toEqual(['r1']);
    expect(await tokens.load(jan)).toBeNull();
  });

  it('passes a non-401 error of the retry through and keeps the refreshed tokens', async () => {
    const outage = new Error('DigiOffice 503');
    const bearers: string[] = [];
    const call = (bearer: string): Promise<string> => {
      bearers.push(bearer);
      return Promise.reject(bearer === 'b1' ? new Unauthorized() : outage);
    };
    await expect(session.callAsUser(jan, call)).rejects.toBe(outage);
    expect(bearers).toEqual(['b1', 'b2']);
    expect(await tokens.load(jan)).toStrictEqual({ ...account, bearerToken: 'b2' });
  });

  it('shares one refresh between concurrent calls of the same user', async () => {
    const allRejected = gate();
    auth.before = allRejected.opened;
    const bearers: string[] = [];
    const call = (bearer: string): Promise<string> => {
      bearers.push(bearer);
      if (bearers.filter((b) => b === 'b1').length === 5) allRejected.open();
      return bearer === 'b2' ? Promise.resolve('ok') : Promise.reject(new Unauthorized());
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => session.callAsUser(jan, call)));
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(bearers).toEqual(['b1', 'b1', 'b1', 'b1', 'b1', 'b2', 'b2', 'b2', 'b2', 'b2']);
    expect(auth.refreshed).toEqual(['r1']);
    expect(await tokens.load(jan)).toStrictEqual({ ...account, bearerToken: 'b2' });
  });

  it('refreshes separately for different users', async () => {
    await tokens.save(piet, { ...account, refreshToken: 'r-piet' });
    const { call } = fakeCall(new Set(['b2', 'b3']));
    const results = await Promise.all([session.callAsUser(jan, call), session.callAsUser(piet, call)]);
    expect(results.sort()).toEqual(['result for b2', 'result for b3']);
    expect(auth.refreshed.sort()).toEqual(['r-piet', 'r1']);
  });

  it('uses a bearer refreshed by another call meanwhile instead of refreshing again', async () => {
    const slowRejection = gate();
    const bearers: string[] = [];
    const slowCall = async (bearer: string): Promise<string> => {
      bearers.push(`slow:${bearer}`);
      if (bearer === 'b1') {
        await slowRejection.opened;
        throw new Unauthorized();
      }
      return 'slow ok';
    };
    const slow = session.callAsUser(jan, slowCall);
    const { call } = fakeCall(new Set(['b2']));
    await expect(session.callAsUser(jan, call)).resolves.toBe('result for b2');
    slowRejection.open();
    await expect(slow).resolves.toBe('slow ok');
    expect(bearers).toEqual(['slow:b1', 'slow:b2']);
    expect(auth.refreshed).toEqual(['r1']);
  });

  it('does not re-link a user who signed out during the refresh', async () => {
    const signedOut = gate();
    auth.before = signedOut.opened;
    const { bearers, call } = fakeCall(new Set(['b2']));
    const pending = session.callAsUser(jan, call);
    await eventually(() => auth.refreshed.length === 1, { what: 'the refresh' });
    await tokens.remove(jan);
    signedOut.open();
    await expectSignInRequired(pending, 'expired');
    expect(bearers).toEqual(['b1']);
    expect(await tokens.load(jan)).toBeNull();
  });

  it('keeps a new sign-in made during the refresh and retries with its bearer', async () => {
    const relinked = gate();
    auth.before = relinked.opened;
    const { bearers, call } = fakeCall(new Set(['b-new']));
    const pending = session.callAsUser(jan, call);
    await eventually(() => auth.refreshed.length === 1, { what: 'the refresh' });
    await tokens.save(jan, { ...account, bearerToken: 'b-new', refreshToken: 'r-new' });
    relinked.open();
    await expect(pending).resolves.toBe('result for b-new');
    expect(bearers).toEqual(['b1', 'b-new']);
    expect(await tokens.load(jan)).toStrictEqual({ ...account, bearerToken: 'b-new', refreshToken: 'r-new' });
  });
});
