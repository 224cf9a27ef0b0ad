import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RESCAN_EVERY_MS } from '../../../src/notifications/outbox';
import { DEFAULT_LEASE } from '../../../src/notifications/outboxClaims';
import { OutboxStore, type OutboxRecord } from '../../../src/notifications/outboxStore';
import { AzureBlobStorage } from '../../../src/storage/azureBlobStorage';
import { SqliteStorage } from '../../../src/storage/sqliteStorage';
import type { Storage } from '../../../src/storage/storage';
import { startAzurite, uniqueContainer, type Azurite } from '../../helpers/azurite';
import { eventually } from '../../helpers/eventually';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { FakeClock, notification } from './fixtures';
import { deferred, outboxHarness, stopAll } from './outboxHarness';

/** Two bot instances (a, b) over one storage and one clock, as behind a load balancer. */

const T0 = Date.parse('2026-11-30T16:00:00.000Z');
const LEASE_MS = DEFAULT_LEASE.durationMs;
const RESCAN_MS = DEFAULT_RESCAN_EVERY_MS;
const RENEW_MS = DEFAULT_LEASE.renewEveryMs;
const jan = { userPrincipalName: 'jan@contoso.nl' };
const piet = { userPrincipalName: 'piet@contoso.nl' };
const JAN = 'upn:jan@contoso.nl';
const PIET = 'upn:piet@contoso.nl';
const assigned = (taskId: number, recipient: object = jan) => notification({ task: { ID: taskId, Name: `Task ${taskId}` }, recipient });
const updated = (taskId: number, recipient: object = jan) =>
  notification({ event: 'task.updated', task: { ID: taskId, Name: `Task ${taskId} v2` }, recipient });
const closed = (taskId: number, recipient: object = jan) =>
  notification({ event: 'task.closed', task: { ID: taskId, Name: `Task ${taskId}` }, recipient, transitions: undefined });

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

const backends: Array<[string, () => Promise<{ storage: Storage; remove: () => Promise<void> }>]> = [
  [
    'Azure (Azurite)',
    () =>
      Promise.resolve({
        storage: new AzureBlobStorage({ connectionString: azurite.connectionString, container: uniqueContainer('instances') }),
        remove: () => Promise.resolve(),
      }),
  ],
  ['memory', () => Promise.resolve({ storage: new MemoryStorage(), remove: () => Promise.resolve() })],
  [
    'sqlite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'outbox-instances-'));
      const storage = SqliteStorage.open(dir);
      return {
        storage,
        async remove() {
          await storage.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];

/** Both instances over `storage`, started, with jan and piet installed; `journal` lists who delivered what, in order. */
async function twoInstances(storage: Storage, { start = true, concurrency }: { start?: boolean; concurrency?: number } = {}) {
  const clock = new FakeClock();
  const journal: string[] = [];
  const make = (name: string) => {
    const h = outboxHarness({
      storage,
      clock,
      instanceId: name,
      journal: { name, entries: journal },
      ...(concurrency ? { concurrency } : {}),
    });
    h.installations.install(JAN, PIET);
    return h;
  };
  const a = make('a');
  const b = make('b');
  if (start) await Promise.all([a.outbox.start(), b.outbox.start()]);
  return { a, b, clock, journal };
}

async function stored(storage: Storage) {
  const records: OutboxRecord[] = [];
  await new OutboxStore(storage).eachChunk((chunk) => void records.push(...chunk));
  return records
    .sort((a, b) => a.order - b.order)
    .map((r) => ({
      label: `${r.notification.event}#${r.notification.task.ID}`,
      status: r.status,
      attempts: r.attempts,
      lease: r.lease,
    }));
}

afterEach(stopAll);

describe.each(backends)('two instances over %s storage', (_name, open) => {
  let storage: Storage;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ storage, remove } = await open());
  });
  afterEach(async () => {
    await stopAll();
    await remove();
  });

  it('deliver each item exactly once, each lane in order, when both load the same stored items', async () => {
    const { a, b, journal } = await twoInstances(storage, { start: false });
    const items = [
      assigned(1),
      assigned(2),
      updated(1),
      assigned(3),
      closed(1),
      assigned(4),
      updated(2),
      assigned(5, piet),
      assigned(6, piet),
      closed(5, piet),
    ];
    expect((await a.outbox.accept(items)).map((r) => r.status)).toEqual(Array(10).fill('queued'));

    await Promise.all([a.outbox.start(), b.outbox.start()]);
    await Promise.all([a.outbox.whenIdle(), b.outbox.whenIdle()]);

    const delivered = journal.map((entry) => entry.slice(2));
    expect([...delivered].sort()).toEqual(
      [
        `task.assigned#1@${JAN}`,
        `task.assigned#2@${JAN}`,
        `task.assigned#3@${JAN}`,
        `task.assigned#4@${JAN}`,
        `task.assigned#5@${PIET}`,
        `task.assigned#6@${PIET}`,
        `task.closed#1@${JAN}`,
        `task.closed#5@${PIET}`,
        `task.updated#1@${JAN}`,
        `task.updated#2@${JAN}`,
      ].sort(),
    );
    expect(delivered.filter((label) => label.includes('#1@'))).toEqual([
      `task.assigned#1@${JAN}`,
      `task.updated#1@${JAN}`,
      `task.closed#1@${JAN}`,
    ]);
    expect(delivered.filter((label) => label.includes('#5@'))).toEqual([`task.assigned#5@${PIET}`, `task.closed#5@${PIET}`]);
    expect((await stored(storage)).map((r) => [r.status, r.attempts, r.lease])).toEqual(Array(10).fill(['delivered', 1, undefined]));
    expect(await storage.list('outbox-lane/')).toEqual([]);
  });

  it("take over an item whose instance crashed mid-delivery once its lease runs out, and ignore that instance's late outcome", async () => {
    const { a, b, clock, journal } = await twoInstances(storage);
    const hang = deferred<'pending'>();
    a.handler.script(`task.assigned#1@${JAN}`, hang.promise);
    await a.outbox.accept([assigned(1)]);
    await eventually(() => journal.length === 1, { what: 'the first delivery', timeoutMs: 10_000, everyMs: 5 });
    expect((await stored(storage))[0]?.lease).toEqual({ owner: 'a', until: new Date(T0 + LEASE_MS).toISOString() });

    clock.advance(LEASE_MS - 1);
    b.ticker.fire(RESCAN_MS);
    await b.outbox.rescan();
    await b.outbox.whenIdle();
    expect(journal).toEqual([`a:task.assigned#1@${JAN}`]);

    clock.advance(1);
    b.ticker.fire(RESCAN_MS);
    await b.outbox.rescan();
    await b.outbox.whenIdle();
    expect(journal).toEqual([`a:task.assigned#1@${JAN}`, `b:task.assigned#1@${JAN}`]);
    expect(await stored(storage)).toEqual([{ label: 'task.assigned#1', status: 'delivered', attempts: 1, lease: undefined }]);

    // The "crashed" instance comes back with an outcome: it no longer holds the lease, so nothing is overwritten.
    hang.resolve('pending');
    await a.outbox.whenIdle();
    expect(await stored(storage)).toEqual([{ label: 'task.assigned#1', status: 'delivered', attempts: 1, lease: undefined }]);
  });

  it("take over a dead instance's items within 30 s: the one it was delivering at the first rescan after its lease ran out, the queued ones at the next rescan", async () => {
    const { a, b, clock, journal } = await twoInstances(storage, { concurrency: 1 });
    const hang = deferred<'delivered'>();
    a.handler.script(`task.assigned#1@${JAN}`, hang.promise);
    await a.outbox.accept([assigned(1)]);
    await eventually(() => journal.length === 1, { what: 'the first delivery', timeoutMs: 10_000, everyMs: 5 });
    // Waits in a behind the hanging delivery (one at a time there).
    expect((await a.outbox.accept([assigned(2, piet)])).map((r) => r.status)).toEqual(['queued']);
    // From here a is dead: its delivery never ends and its renewals never run (its ticker is never fired).

    const deliveredAt: Record<string, number> = {};
    for (let waited = 0; waited <= 30_000 && Object.keys(deliveredAt).length < 2; waited += RESCAN_MS) {
      b.ticker.fire(RESCAN_MS);
      await b.outbox.rescan();
      await b.outbox.whenIdle();
      for (const entry of journal.filter((e) => e.startsWith('b:'))) deliveredAt[entry] ??= waited;
      clock.advance(RESCAN_MS);
    }
    expect(deliveredAt).toEqual({
      [`b:task.assigned#2@${PIET}`]: 0,
      [`b:task.assigned#1@${JAN}`]: Math.ceil(LEASE_MS / RESCAN_MS) * RESCAN_MS,
    });
    expect(LEASE_MS + RESCAN_MS).toBeLessThanOrEqual(30_000);
    hang.resolve('delivered');
  });
});

describe('two instances over one storage', () => {
  it('keep a lane in order across instances: an item waits for the earlier one another instance is delivering, which then carries on', async () => {
    const storage = new MemoryStorage();
    const { a, b, journal } = await twoInstances(storage);
    const gate = deferred<'delivered'>();
    a.handler.script(`task.assigned#1@${JAN}`, gate.promise);
    await a.outbox.accept([assigned(1)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await b.outbox.accept([closed(1), assigned(2)])).toEqual([
      expect.objectContaining({ status: 'queued' }),
      expect.objectContaining({ status: 'queued' }),
    ]);
    await b.outbox.whenIdle();
    expect(journal).toEqual([`a:task.assigned#1@${JAN}`, `b:task.assigned#2@${JAN}`]);

    gate.resolve('delivered');
    await a.outbox.whenIdle();
    expect(journal).toEqual([`a:task.assigned#1@${JAN}`, `b:task.assigned#2@${JAN}`, `a:task.closed#1@${JAN}`]);
    expect((await stored(storage)).map((r) => [r.label, r.status])).toEqual([
      ['task.assigned#1', 'delivered'],
      ['task.closed#1', 'delivered'],
      ['task.assigned#2', 'delivered'],
    ]);
  });

  it('renew the lease of a long delivery, so the other instance does not take it over', async () => {
    const storage = new MemoryStorage();
    const { a, b, clock, journal } = await twoInstances(storage);
    const gate = deferred<'delivered'>();
    a.handler.script(`task.assigned#1@${JAN}`, gate.promise);
    await a.outbox.accept([assigned(1)]);
    await new Promise((resolve) => setImmediate(resolve));

    // Renewed 10 s in, then looked at 10 s later: past the first lease's end, within the renewed one.
    clock.advance(2 * RENEW_MS);
    a.ticker.fire(RENEW_MS);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await stored(storage))[0]?.lease).toEqual({ owner: 'a', until: new Date(T0 + 2 * RENEW_MS + LEASE_MS).toISOString() });

    clock.advance(2 * RENEW_MS);
    expect(clock.now().getTime()).toBeGreaterThan(T0 + LEASE_MS);
    await b.outbox.rescan();
    await b.outbox.whenIdle();
    gate.resolve('delivered');
    await a.outbox.whenIdle();
    expect(journal).toEqual([`a:task.assigned#1@${JAN}`]);
    expect(await stored(storage)).toEqual([{ label: 'task.assigned#1', status: 'delivered', attempts: 1, lease: undefined }]);
    expect(a.ticker.intervals()).toEqual([RESCAN_MS, 3_600_000]);
  });

  it('release on one instance the items parked by the other, which then forgets them at its next rescan', async () => {
    const storage = new MemoryStorage();
    const { a, b, journal } = await twoInstances(storage, { start: false });
    a.installations.keys.clear();
    b.installations.keys.clear();
    await Promise.all([a.outbox.start(), b.outbox.start()]);
    expect((await a.outbox.accept([assigned(42)]))[0]?.status).toBe('pending');

    b.installations.install(JAN);
    expect(await b.outbox.releasePending(jan)).toBe(1);
    await b.outbox.whenIdle();
    expect(journal).toEqual([`b:task.assigned#42@${JAN}`]);
    expect(storage.snapshot('outbox-pending/')).toEqual({});

    // a still holds the parked item, which would hold back the next item of its lane, until it rescans.
    a.installations.install(JAN);
    await a.outbox.rescan();
    await a.outbox.accept([closed(42)]);
    await a.outbox.whenIdle();
    expect(journal).toEqual([`b:task.assigned#42@${JAN}`, `a:task.closed#42@${JAN}`]);
    expect((await stored(storage)).map((r) => [r.label, r.status])).toEqual([
      ['task.assigned#42', 'delivered'],
      ['task.closed#42', 'delivered'],
    ]);
  });

  it('run the rescan and pruning periodically while started, and the lease renewal only during a delivery', async () => {
    const { a } = await twoInstances(new MemoryStorage());
    expect(a.ticker.intervals()).toEqual([RESCAN_MS, 3_600_000]);
    const gate = deferred<'delivered'>();
    a.handler.script(`task.assigned#1@${JAN}`, gate.promise);
    await a.outbox.accept([assigned(1)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(a.ticker.intervals()).toEqual([RENEW_MS, RESCAN_MS, 3_600_000]);
    gate.resolve('delivered');
    await a.outbox.stop();
    expect(a.ticker.intervals()).toEqual([]);
  });
});
