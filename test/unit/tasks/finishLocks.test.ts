import { FinishLocks, STALE_LOCK_MS } from '../../../src/tasks/finishLocks';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { ALEX } from './taskFixtures';

const T0 = Date.parse('2026-11-30T16:00:00.000Z');
const USER = `${ALEX.tenantId}/${ALEX.aadObjectId}`;

let now: number;
let storage: MemoryStorage;
const clock = { now: () => new Date(now) };

beforeEach(() => {
  now = T0;
  storage = new MemoryStorage();
});

const heldKeys = async () => (await storage.list('finish-lock/')).sort();

describe('FinishLocks', () => {
  it('takes the lock of every task, and a second taker gets none of them', async () => {
    const first = new FinishLocks(storage, clock);
    const second = new FinishLocks(storage, clock);

    expect(await first.acquire(ALEX, [42, 43])).toBe(true);
    expect(await second.acquire(ALEX, [41, 43])).toBe(false);

    expect(await heldKeys()).toEqual([`finish-lock/${USER}/42`, `finish-lock/${USER}/43`]);
    expect(await second.anyHeld(ALEX, [41, 43])).toBe(true);
  });

  it('releases, after which the tasks can be locked again', async () => {
    const locks = new FinishLocks(storage, clock);
    await locks.acquire(ALEX, [42]);
    await locks.release(ALEX, [42]);

    expect(await locks.anyHeld(ALEX, [42])).toBe(false);
    expect(await locks.acquire(ALEX, [42])).toBe(true);
  });

  it(`takes over a lock left by a crashed attempt once it is older than ${STALE_LOCK_MS / 60_000} minutes, not before`, async () => {
    const crashed = new FinishLocks(storage, clock);
    const later = new FinishLocks(storage, clock);
    await crashed.acquire(ALEX, [42]);

    now = T0 + STALE_LOCK_MS;
    expect(await later.acquire(ALEX, [42])).toBe(false);
    now = T0 + STALE_LOCK_MS + 1;
    expect(await later.acquire(ALEX, [42])).toBe(true);
    expect(await storage.read([`finish-lock/${USER}/42`])).toEqual({
      [`finish-lock/${USER}/42`]: { startedAt: new Date(now).toISOString(), eTag: expect.any(String) },
    });
  });

  it('lets only one of two instances take over the same stale lock', async () => {
    await new FinishLocks(storage, clock).acquire(ALEX, [42]);
    now = T0 + STALE_LOCK_MS + 1;

    const results = await Promise.all([
      new FinishLocks(storage, clock).acquire(ALEX, [42]),
      new FinishLocks(storage, clock).acquire(ALEX, [42]),
    ]);

    expect(results.sort()).toEqual([false, true]);
  });
});
