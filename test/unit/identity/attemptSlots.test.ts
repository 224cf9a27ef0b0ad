import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInAttemptKey } from '../../../src/core/storageKeys';
import { ATTEMPT_WINDOW_MS, AttemptSlots, type AttemptOutcome } from '../../../src/identity/attemptSlots';
import { AzureBlobStorage } from '../../../src/storage/azureBlobStorage';
import { SqliteStorage } from '../../../src/storage/sqliteStorage';
import type { Storage } from '../../../src/storage/storage';
import { startAzurite, uniqueContainer, type Azurite } from '../../helpers/azurite';
import { MemoryStorage } from '../../helpers/memoryStorage';

const START = Date.parse('2026-12-03T09:00:00.000Z');
const LIMIT = 5;
const GUESSES = 60;

let now: number;
const clock = { now: () => new Date(now) };

beforeEach(() => {
  now = START;
});

/** Takes `count` attempts on `bucket` at once; each that gets its slots fails (keeps them). */
async function failedGuesses(slots: AttemptSlots, buckets: (i: number) => string[], count = GUESSES): Promise<AttemptOutcome[]> {
  const outcomes = await Promise.all(Array.from({ length: count }, (_, i) => slots.take(buckets(i))));
  for (const outcome of outcomes) if (outcome.ok) outcome.ticket.failed();
  return outcomes;
}

function granted(outcomes: AttemptOutcome[]): number {
  return outcomes.filter((outcome) => outcome.ok).length;
}

describe('AttemptSlots: storage calls per attempt', () => {
  it('takes a slot of an empty bucket with one create', async () => {
    const storage = new MemoryStorage();
    const outcome = await new AttemptSlots(storage, clock).take(['teams:alex']);
    expect(outcome.ok).toBe(true);
    expect(storage.calls).toEqual([{ op: 'create', keys: [signInAttemptKey('teams:alex', 0)] }]);
  });

  it('finds a free slot behind taken ones with one listing and takes it with one create', async () => {
    const storage = new MemoryStorage();
    const slots = new AttemptSlots(storage, clock);
    await failedGuesses(slots, () => ['teams:alex'], 3);
    storage.calls.length = 0;
    expect((await slots.take(['teams:alex'])).ok).toBe(true);
    expect(storage.calls.map((call) => call.op)).toEqual(['create', 'list', 'create']);
    expect(storage.calls.at(-1)?.keys).toEqual([signInAttemptKey('teams:alex', 3)]);
  });

  it('refuses on a full bucket after one listing and one read, saying when its first slot frees up', async () => {
    const storage = new MemoryStorage();
    const slots = new AttemptSlots(storage, clock);
    await failedGuesses(slots, () => ['teams:alex'], 1);
    now += 60_000;
    await failedGuesses(slots, () => ['teams:alex'], LIMIT - 1);
    storage.calls.length = 0;
    expect(await slots.take(['teams:alex'])).toEqual({ ok: false, retryAfterMs: ATTEMPT_WINDOW_MS - 60_000 });
    expect(storage.calls.map((call) => call.op)).toEqual(['create', 'list', 'read']);
  });

  it('takes over the slot whose window has passed with one conditional write', async () => {
    const storage = new MemoryStorage();
    const slots = new AttemptSlots(storage, clock);
    await failedGuesses(slots, () => ['teams:alex'], LIMIT);
    now += ATTEMPT_WINDOW_MS;
    storage.calls.length = 0;
    expect((await slots.take(['teams:alex'])).ok).toBe(true);
    expect(storage.calls.map((call) => call.op)).toEqual(['create', 'list', 'read', 'write']);
    expect(granted(await failedGuesses(slots, () => ['teams:alex'], LIMIT))).toBe(LIMIT - 1);
  });
});

/** The guarantee under hostile concurrency, on every backend: however many guesses arrive at once, at most 5 get through. */
function underConcurrency(open: () => Promise<Storage>): void {
  let storage: Storage;
  let slots: AttemptSlots;

  beforeEach(async () => {
    storage = await open();
    slots = new AttemptSlots(storage, clock);
  });

  it(`lets exactly ${LIMIT} of ${GUESSES} concurrent guesses through, and none more`, async () => {
    const outcomes = await failedGuesses(slots, () => ['teams:alex']);
    expect(granted(outcomes)).toBe(LIMIT);
    for (const outcome of outcomes) if (!outcome.ok) expect(outcome.retryAfterMs).toBe(ATTEMPT_WINDOW_MS);
    expect(granted(await failedGuesses(slots, () => ['teams:alex']))).toBe(0);
    expect((await storage.list('signin-attempt/')).sort()).toEqual(
      Array.from({ length: LIMIT }, (_, i) => signInAttemptKey('teams:alex', i)).sort(),
    );
  });

  it(`lets exactly ${LIMIT} of ${GUESSES} concurrent guesses take over a bucket whose window has passed`, async () => {
    await failedGuesses(slots, () => ['teams:alex'], LIMIT);
    now += ATTEMPT_WINDOW_MS;
    expect(granted(await failedGuesses(slots, () => ['teams:alex']))).toBe(LIMIT);
    expect(granted(await failedGuesses(slots, () => ['teams:alex']))).toBe(0);
  });

  it(`never has more than ${LIMIT} attempts of a bucket under way while others succeed and free their slots`, async () => {
    let underWay = 0;
    let most = 0;
    let through = 0;
    await Promise.all(
      Array.from({ length: GUESSES }, async (_, i) => {
        const outcome = await slots.take(['teams:alex', `name:user${i % 7}`]);
        if (!outcome.ok) return;
        through += 1;
        underWay += 1;
        most = Math.max(most, underWay);
        await new Promise((resolve) => setImmediate(resolve));
        underWay -= 1;
        await outcome.ticket.release();
      }),
    );
    expect(most).toBeLessThanOrEqual(LIMIT);
    expect(through).toBeGreaterThanOrEqual(LIMIT);
    expect(await storage.list('signin-attempt/')).toEqual([]);
  });
}

describe('AttemptSlots under concurrency: in memory', () => {
  underConcurrency(() => Promise.resolve(new MemoryStorage()));
});

describe('AttemptSlots under concurrency: SQLite', () => {
  let dir: string;
  let sqlite: SqliteStorage | null = null;
  afterEach(async () => {
    await sqlite?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  underConcurrency(() => {
    dir = mkdtempSync(join(tmpdir(), 'attempt-slots-'));
    sqlite = SqliteStorage.open(dir);
    return Promise.resolve(sqlite);
  });
});

describe('AttemptSlots under concurrency: Azure Blob Storage (Azurite)', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite.stop();
  });
  let azure: AzureBlobStorage | null = null;
  afterEach(async () => {
    await azure?.close();
  });
  underConcurrency(() => {
    azure = new AzureBlobStorage({ connectionString: azurite.connectionString, container: uniqueContainer('attempts') });
    return Promise.resolve(azure);
  });
});
