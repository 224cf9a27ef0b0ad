import { createHash } from 'node:crypto';
import { DEFAULT_RETENTION, OutboxStore, type FoundKey, type OutboxRecord } from '../../../src/notifications/outboxStore';
import { newRecord } from '../../../src/notifications/recordLifecycle';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { notification } from './fixtures';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const NOW = new Date('2026-11-30T16:00:00.000Z');
const LONG_AGO = new Date('2026-11-01T00:00:00.000Z');

const claimOf = (id: string) => ({ id: `answer-${id}`, recordId: id, acceptedAt: NOW.toISOString() });

function record(id: string, installed: boolean, order = 1): OutboxRecord {
  const n = notification({ recipient: { userPrincipalName: 'jan@contoso.nl', email: 'jan@contoso.nl' } });
  return newRecord(n, { id, key: `assigned:42:${id}`, order, installed, now: NOW });
}

describe('OutboxStore records', () => {
  it('keeps a queued record under outbox/{id} and nothing else', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    await store.saveRecord(record('r1', true));
    expect(Object.keys(storage.snapshot())).toEqual(['outbox/r1']);
    expect(await store.readRecord('r1')).toEqual(record('r1', true));
    expect(await store.readRecord('missing')).toBeNull();
  });

  it('indexes a pending record by every recipient key (hashed) and drops the index when it leaves pending', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    const parked = record('r1', false);
    await store.saveRecord(parked);
    const upn = `outbox-pending/${sha('upn:jan@contoso.nl').slice(0, 32)}/r1`;
    const email = `outbox-pending/${sha('email:jan@contoso.nl').slice(0, 32)}/r1`;
    expect(storage.snapshot('outbox-pending/')).toEqual({ [upn]: { recordId: 'r1' }, [email]: { recordId: 'r1' } });
    expect(await store.pendingIds('upn:jan@contoso.nl')).toEqual(['r1']);

    await store.saveRecord({ ...parked, status: 'queued' }, 'pending');
    expect(storage.snapshot('outbox-pending/')).toEqual({});
    expect(await store.pendingIds('upn:jan@contoso.nl')).toEqual([]);
  });

  it('indexes a failed record (order and id in the key) and drops that entry when it is requeued or deleted', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    const failed: OutboxRecord = { ...record('r1', true, 7), status: 'failed' };
    await store.saveRecord(failed);
    expect(storage.snapshot('outbox-failed/')).toEqual({ 'outbox-failed/7_r1': { recordId: 'r1' } });
    expect(await store.failedEntries()).toEqual([{ id: 'r1', order: 7 }]);

    await store.saveRecord({ ...failed, status: 'queued' }, 'failed');
    expect(storage.snapshot('outbox-failed/')).toEqual({});
    await store.saveRecord(failed, 'queued');
    await store.deleteRecords([failed]);
    expect(storage.snapshot()).toEqual({});
  });

  it('lists the ids of every record and of the records the pending index names, reading none', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    await store.saveRecord(record('a', true, 1));
    await store.saveRecord(record('b', false, 2));
    storage.calls.length = 0;
    expect((await store.recordIds()).sort()).toEqual(['a', 'b']);
    expect(await store.parkedIds()).toEqual(new Set(['b']));
    expect(storage.calls.map((call) => call.op)).toEqual(['list', 'list']);
  });
});

describe('OutboxStore records: conditional writes and the lane index', () => {
  const lane = `outbox-lane/${sha('42|upn:jan@contoso.nl').slice(0, 32)}`;

  it('indexes a new record by lane (order and id in the key), and drops that entry with the record', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    await store.addRecord(record('r1', true, 7), claimOf('r1'), null);
    await store.addRecord(record('r2', false, 9), claimOf('r2'), null);
    expect(Object.keys(storage.snapshot('outbox-lane/'))).toEqual([`${lane}/7_r1`, `${lane}/9_r2`]);
    expect(await store.lanes.inLane('42|upn:jan@contoso.nl')).toEqual([
      { key: `${lane}/7_r1`, id: 'r1', order: 7 },
      { key: `${lane}/9_r2`, id: 'r2', order: 9 },
    ]);
    expect(await store.lanes.lastOrder('42|upn:jan@contoso.nl')).toBe(9);
    expect(await store.lanes.lastOrder('other')).toBe(0);

    await store.deleteRecords([record('r1', true, 7), record('r2', false, 9)]);
    expect(Object.keys(storage.snapshot())).toEqual([`outbox-key/${sha('assigned:42:r1')}`, `outbox-key/${sha('assigned:42:r2')}`]);
  });

  it('replaces a record only while it has the eTag that was read', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    await store.saveRecord(record('r1', true));
    const [read] = await store.readVersioned(['r1']);
    expect(read).toEqual({ record: record('r1', true), eTag: expect.any(String) as string });
    expect(await store.replaceRecord({ ...record('r1', true), attempts: 1 }, read?.eTag ?? '')).toBe(true);
    expect(await store.replaceRecord({ ...record('r1', true), attempts: 2 }, read?.eTag ?? '')).toBe(false);
    expect((await store.readRecord('r1'))?.attempts).toBe(1);
    await expect(store.replaceRecord(record('missing', true), read?.eTag ?? '')).resolves.toBe(false);
  });
});

describe('OutboxStore.addRecord(): the record, its entries and its idempotency key in one batch', () => {
  const lane = `outbox-lane/${sha('42|upn:jan@contoso.nl').slice(0, 32)}`;
  const keyOf = (id: string) => `outbox-key/${sha(`assigned:42:${id}`)}`;

  it('writes a parked record after its index entries, then its lane entry, then creates the key under outbox-key/{sha256}', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    expect(await store.addRecord(record('r1', false, 7), claimOf('r1'), null)).toBe(true);
    const upn = `outbox-pending/${sha('upn:jan@contoso.nl').slice(0, 32)}/r1`;
    const email = `outbox-pending/${sha('email:jan@contoso.nl').slice(0, 32)}/r1`;
    expect(storage.calls).toEqual([{ op: 'batch', keys: [upn, email, 'outbox/r1', `${lane}/7_r1`, keyOf('r1')] }]);
    expect(storage.snapshot()).toEqual({
      [upn]: { recordId: 'r1' },
      [email]: { recordId: 'r1' },
      'outbox/r1': record('r1', false, 7),
      [`${lane}/7_r1`]: { recordId: 'r1' },
      [keyOf('r1')]: claimOf('r1'),
    });
    expect(await store.findKey('assigned:42:r1', LONG_AGO)).toEqual({
      record: claimOf('r1'),
      eTag: expect.any(String) as string,
      live: true,
    });
  });

  it('removes what it wrote and answers false when the key was claimed first', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    await storage.create(keyOf('r1'), { ...claimOf('theirs') });
    expect(await store.addRecord(record('r1', false, 7), claimOf('r1'), null)).toBe(false);
    expect(storage.snapshot()).toEqual({ [keyOf('r1')]: claimOf('theirs') });
  });

  it('takes over an expired key with a conditional write, and gives way when another accept took it over first', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    await storage.write({ [keyOf('r1')]: { ...claimOf('old'), acceptedAt: LONG_AGO.toISOString() } });
    const expired = await store.findKey('assigned:42:r1', new Date(LONG_AGO.getTime() + 1));
    expect(expired).toEqual({
      record: { ...claimOf('old'), acceptedAt: LONG_AGO.toISOString() },
      eTag: expect.any(String) as string,
      live: false,
    });
    expect(await store.addRecord(record('r1', true, 7), claimOf('r1'), expired)).toBe(true);
    expect(storage.snapshot('outbox-key/')).toEqual({ [keyOf('r1')]: claimOf('r1') });

    expect(await store.addRecord(record('r2', true, 8), claimOf('r2'), { ...(expired as FoundKey) })).toBe(false);
    expect(Object.keys(storage.snapshot()).sort()).toEqual(['outbox/r1', `${lane}/7_r1`, keyOf('r1')].sort());
  });
});

describe('OutboxStore.finishRecord()', () => {
  it('writes the outcome only while the eTag holds, and removes a finished record from its lane in the same batch', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    await store.addRecord(record('r1', true, 7), claimOf('r1'), null);
    const [read] = await store.readVersioned(['r1']);
    const delivered = { ...record('r1', true, 7), status: 'delivered' as const, attempts: 1 };
    expect(await store.finishRecord(delivered, 'stale')).toBe(false);
    expect(Object.keys(storage.snapshot('outbox-lane/'))).toHaveLength(1);
    expect(await store.finishRecord(delivered, read?.eTag ?? '')).toBe(true);
    expect(storage.snapshot('outbox-lane/')).toEqual({});
    expect(await store.readRecord('r1')).toEqual(delivered);
  });
});

describe('OutboxStore.prune()', () => {
  it('deletes delivered and failed records past their retention, and expired keys', async () => {
    const storage = new MemoryStorage();
    const store = new OutboxStore(storage);
    const aged = (id: string, status: OutboxRecord['status'], hoursAgo: number) => ({
      ...record(id, true),
      status,
      updatedAt: new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString(),
    });
    for (const r of [
      aged('d-old', 'delivered', 25),
      aged('d-new', 'delivered', 23),
      aged('f-old', 'failed', 169),
      aged('f-new', 'failed', 167),
      aged('q-old', 'queued', 500),
    ]) {
      await store.saveRecord(r);
    }
    await storage.write({
      [`outbox-key/${sha('old')}`]: { id: 'a', recordId: 'x', acceptedAt: new Date(NOW.getTime() - 169 * 3_600_000).toISOString() },
      [`outbox-key/${sha('new')}`]: { id: 'b', recordId: 'y', acceptedAt: NOW.toISOString() },
    });
    await store.prune(NOW, DEFAULT_RETENTION);
    expect(Object.keys(storage.snapshot()).sort()).toEqual(
      ['outbox-key/' + sha('new'), 'outbox/d-new', 'outbox/f-new', 'outbox-failed/1_f-new', 'outbox/q-old'].sort(),
    );
  });
});
