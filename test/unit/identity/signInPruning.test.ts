import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from '../../../src/core/logger';
import { ATTEMPT_WINDOW_MS, AttemptSlots } from '../../../src/identity/attemptSlots';
import { SIGN_IN_CODE_TTL_MS, SignInCodes } from '../../../src/identity/signInCodes';
import { SIGN_IN_PRUNE_EVERY_MS, SignInPruning } from '../../../src/identity/signInPruning';
import { SIGN_IN_STATE_TTL_MS, SignInStates } from '../../../src/identity/signInStates';
import { TokenCipher } from '../../../src/identity/tokenCipher';
import { SqliteStorage } from '../../../src/storage/sqliteStorage';
import { ManualEvery } from '../../helpers/manualEvery';

const START = Date.parse('2026-11-30T16:00:00.000Z');
const MINUTE = 60_000;
const alex = { tenantId: 't1', aadObjectId: 'u1' };
const account = {
  bearerToken: 'bearer-SECRET',
  refreshToken: null,
  digiOfficeUserId: '12',
  userName: 'alexw',
  displayName: 'Alex Wilber',
  linkedAt: new Date(START).toISOString(),
};

let dir: string;
let storage: SqliteStorage;
let now: number;
let timer: ManualEvery;
let logged: Array<{ level: string; fields: object; msg: string }>;
let pruning: SignInPruning;
let parts: { states: SignInStates; codes: SignInCodes; attempts: AttemptSlots };

const logger = {
  info: (fields: object, msg: string) => logged.push({ level: 'info', fields, msg }),
  warn: (fields: object, msg: string) => logged.push({ level: 'warn', fields, msg }),
} as unknown as Logger;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'signinpruning-'));
  storage = SqliteStorage.open(dir);
  now = START;
  logged = [];
  timer = new ManualEvery();
  const clock = { now: () => new Date(now) };
  parts = {
    states: new SignInStates(storage, clock),
    codes: new SignInCodes(storage, clock, new TokenCipher(Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7)))),
    attempts: new AttemptSlots(storage, clock),
  };
  pruning = new SignInPruning({ parts, every: timer.every, logger });
});

afterEach(async () => {
  await pruning.stop();
  await storage.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** The stored keys, by what they hold. */
async function stored(): Promise<Record<string, number>> {
  const count = async (prefix: string) => (await storage.list(prefix)).length;
  return { states: await count('signin-state/'), codes: await count('signin-code/'), attempts: await count('signin-attempt/') };
}

describe('SignInPruning', () => {
  beforeEach(async () => {
    await parts.states.issue({ user: alex, locale: 'en' });
    await parts.codes.issue(alex, 'en', account);
    const attempt = await parts.attempts.take(['password-teams-user:t1/u1']);
    if (attempt.ok) attempt.ticket.failed();
  });

  it('deletes links and codes nobody used once their 10 minutes are over, and failed attempts after their window', async () => {
    pruning.start();
    await pruning.runNow();
    expect(await stored()).toEqual({ states: 1, codes: 1, attempts: 1 });

    now = START + Math.max(SIGN_IN_STATE_TTL_MS, SIGN_IN_CODE_TTL_MS);
    timer.tick();
    await pruning.runNow();
    expect(await stored()).toEqual({ states: 0, codes: 0, attempts: 1 });

    now = START + ATTEMPT_WINDOW_MS;
    timer.tick();
    await pruning.runNow();
    expect(await stored()).toEqual({ states: 0, codes: 0, attempts: 0 });
    expect(logged).toEqual([
      { level: 'info', fields: { deleted: 1, part: 'states' }, msg: 'expired sign-in records pruned' },
      { level: 'info', fields: { deleted: 1, part: 'codes' }, msg: 'expired sign-in records pruned' },
      { level: 'info', fields: { deleted: 1, part: 'attempts' }, msg: 'expired sign-in records pruned' },
    ]);
  });

  it('runs once at start and then every 15 minutes, until stopped', async () => {
    now = START + ATTEMPT_WINDOW_MS;
    pruning.start();
    await pruning.runNow();

    expect(await stored()).toEqual({ states: 0, codes: 0, attempts: 0 });
    expect(timer.scheduled.map((s) => s.ms)).toEqual([SIGN_IN_PRUNE_EVERY_MS]);
    await pruning.stop();
    expect(timer.scheduled.map((s) => s.stopped)).toEqual([true]);
  });

  it('logs a part that fails and still prunes the others', async () => {
    const failing = new SignInPruning({
      parts: { broken: { prune: () => Promise.reject(new Error('storage down')) }, codes: parts.codes },
      every: timer.every,
      logger,
    });
    now = START + 11 * MINUTE;
    await failing.runNow();

    expect(await stored()).toEqual({ states: 1, codes: 0, attempts: 1 });
    expect(logged).toEqual([
      {
        level: 'warn',
        fields: { err: new Error('storage down'), part: 'broken' },
        msg: 'pruning expired sign-in records failed; will try again',
      },
      { level: 'info', fields: { deleted: 1, part: 'codes' }, msg: 'expired sign-in records pruned' },
    ]);
  });
});
