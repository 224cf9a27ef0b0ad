import { DeliveryError } from '../../../src/core/cardChannel';
import { outboxLaneKey } from '../../../src/core/storageKeys';
import { StoredOutboxAdmin } from '../../../src/notifications/outboxAdmin';
import { eventually } from '../../helpers/eventually';
import { notification } from './fixtures';
import { deferred, outboxHarness, stopAll } from './outboxHarness';

const DAY = 86_400_000;
const jan = { userPrincipalName: 'jan@contoso.nl' };
const piet = { userPrincipalName: 'piet@contoso.nl' };
const assigned = (taskId: number, recipient: object) => notification({ task: { ID: taskId, Name: `Task ${taskId}` }, recipient });

afterEach(stopAll);

/** Jan has not installed (42 accepted 8 days ago, 43 now); Piet has: 44 failed for good, 45 delivered. */
async function scenario() {
  const h = outboxHarness();
  h.installations.install('upn:piet@contoso.nl');
  await h.outbox.start();
  const admin = new StoredOutboxAdmin({ storage: h.storage, clock: h.clock, changed: (id) => h.outbox.refresh(id) });
  h.handler.script('task.assigned#44@upn:piet@contoso.nl', new DeliveryError('permanent', 'Teams answered 400', 400));
  await h.outbox.accept([assigned(42, jan)]);
  h.clock.advance(8 * DAY);
  await h.outbox.accept([assigned(43, jan), assigned(44, piet), assigned(45, piet)]);
  await h.outbox.whenIdle();
  return { ...h, admin, weekAgo: new Date(h.clock.now().getTime() - 7 * DAY) };
}

/** The outbox stopped and started again on the same store (what the start repairs). */
async function restarted(storage: Awaited<ReturnType<typeof scenario>>['storage'], clock: Awaited<ReturnType<typeof scenario>>['clock']) {
  await stopAll();
  await outboxHarness({ storage: storage.reopen(), clock }).outbox.start();
}

describe('StoredOutboxAdmin', () => {
  it('counts the items per state, and the pending ones accepted before the cutoff, reading only the pending records', async () => {
    const { admin, weekAgo, storage } = await scenario();
    storage.calls.length = 0;
    expect(await admin.counts(weekAgo)).toEqual({ queued: 0, pending: 2, failed: 1, delivered: 1, pendingOverAge: 1 });
    expect(storage.calls.map((call) => (call.op === 'list' ? call.keys : [call.op, call.keys.length]))).toEqual([
      ['outbox/'],
      ['outbox-lane/'],
      ['outbox-pending/'],
      ['outbox-failed/'],
      ['read', 2],
    ]);
  });

  it('counts a failed record stored without its failed entry (a crash, or a store from before the index) once the outbox started', async () => {
    const { admin, weekAgo, storage, clock } = await scenario();
    const [failed] = (await admin.list({ state: 'failed', limit: 1, after: null, acceptedBefore: null })).items;
    await storage.delete(await storage.list('outbox-failed/'));
    expect(await admin.counts(weekAgo)).toEqual({ queued: 0, pending: 2, failed: 0, delivered: 2, pendingOverAge: 1 });

    await restarted(storage, clock);
    expect(await admin.counts(weekAgo)).toEqual({ queued: 0, pending: 2, failed: 1, delivered: 1, pendingOverAge: 1 });
    expect(Object.keys(storage.snapshot('outbox-failed/'))).toEqual([`outbox-failed/${failed?.order}_${failed?.id}`]);
  });

  it('drops, at start, a failed entry whose record is no longer failed (a requeue stopped part-way), so it counts as delivered again', async () => {
    const { admin, weekAgo, storage, clock } = await scenario();
    const page = { limit: 1, after: null, acceptedBefore: null };
    const [failed] = (await admin.list({ state: 'failed', ...page })).items;
    const [delivered] = (await admin.list({ state: 'delivered', ...page })).items;
    const stale = `outbox-failed/${delivered?.order}_${delivered?.id}`;
    await storage.write({ [stale]: { recordId: delivered?.id, eTag: '*' } });
    expect(await admin.counts(weekAgo)).toEqual({ queued: 0, pending: 2, failed: 2, delivered: 0, pendingOverAge: 1 });

    await restarted(storage, clock);
    expect(await admin.counts(weekAgo)).toEqual({ queued: 0, pending: 2, failed: 1, delivered: 1, pendingOverAge: 1 });
    expect(Object.keys(storage.snapshot('outbox-failed/'))).toEqual([`outbox-failed/${failed?.order}_${failed?.id}`]);
  });

  it('indexes, in a rescan, a failed record whose outcome batch stopped part-way (its lane entry kept, its failed entry not written)', async () => {
    const { admin, weekAgo, storage, outbox } = await scenario();
    const [failed] = (await admin.list({ state: 'failed', limit: 1, after: null, acceptedBefore: null })).items;
    const record = storage.snapshot('outbox/')[`outbox/${failed?.id}`] as Parameters<typeof outboxLaneKey>[0];
    await storage.delete(await storage.list('outbox-failed/'));
    await storage.write({ [outboxLaneKey(record)]: { recordId: failed?.id, eTag: '*' } });
    expect(await admin.counts(weekAgo)).toEqual({ queued: 1, pending: 2, failed: 0, delivered: 1, pendingOverAge: 1 });

    await outbox.rescan();
    expect(await admin.counts(weekAgo)).toEqual({ queued: 0, pending: 2, failed: 1, delivered: 1, pendingOverAge: 1 });
    expect(Object.keys(storage.snapshot('outbox-failed/'))).toEqual([`outbox-failed/${failed?.order}_${failed?.id}`]);
    expect(await storage.list(outboxLaneKey(record))).toEqual([]);
  });

  it('counts what requeues, drops and deliveries changed, as the records say', async () => {
    const { admin, weekAgo, outbox, installations } = await scenario();
    const [failed] = (await admin.list({ state: 'failed', limit: 1, after: null, acceptedBefore: null })).items;
    const [old, fresh] = (await admin.list({ state: 'pending', limit: 2, after: null, acceptedBefore: null })).items;
    installations.install('upn:jan@contoso.nl');
    await admin.requeue(failed?.id ?? '');
    await admin.requeue(old?.id ?? '');
    await admin.drop(fresh?.id ?? '');
    await outbox.whenIdle();
    expect(await admin.counts(weekAgo)).toEqual({ queued: 0, pending: 0, failed: 0, delivered: 3, pendingOverAge: 0 });
  });

  it('lists a state in acceptance order, a page at a time, and only items accepted before a time when asked', async () => {
    const { admin, weekAgo } = await scenario();
    const first = await admin.list({ state: 'pending', limit: 1, after: null, acceptedBefore: null });
    expect(first.items.map((i) => i.taskId)).toEqual([42]);
    const second = await admin.list({ state: 'pending', limit: 1, after: first.next, acceptedBefore: null });
    expect([second.items.map((i) => i.taskId), second.next]).toEqual([[43], null]);
    expect((await admin.list({ state: 'pending', limit: 10, after: null, acceptedBefore: weekAgo })).items.map((i) => i.taskId)).toEqual([
      42,
    ]);
    expect((await admin.list({ state: 'failed', limit: 10, after: null, acceptedBefore: null })).items).toEqual([
      expect.objectContaining({
        taskId: 44,
        state: 'failed',
        attempts: 1,
        lastError: { failure: 'permanent', status: 400, message: 'Teams answered 400', at: expect.any(String) },
      }),
    ]);
  });

  it('lets one of two concurrent requeues win (a conditional write); the item is delivered once', async () => {
    const { admin, handler, outbox } = await scenario();
    const [failed] = (await admin.list({ state: 'failed', limit: 1, after: null, acceptedBefore: null })).items;
    const changes = await Promise.all([admin.requeue(failed?.id ?? ''), admin.requeue(failed?.id ?? '')]);
    await outbox.whenIdle();

    expect(changes.map((c) => c.kind).sort()).toEqual(['conflict', 'done']);
    expect(handler.labels().filter((label) => label === 'task.assigned#44@upn:piet@contoso.nl')).toHaveLength(2);
    expect((await admin.get(failed?.id ?? ''))?.state).toBe('delivered');
  });

  it('has the outbox read only the requeued item again, which is then delivered (no rescan of the outbox)', async () => {
    const { admin, handler, outbox, storage } = await scenario();
    const [failed] = (await admin.list({ state: 'failed', limit: 1, after: null, acceptedBefore: null })).items;
    storage.calls.length = 0;
    expect(await admin.requeue(failed?.id ?? '')).toEqual({ kind: 'done', item: expect.objectContaining({ state: 'queued' }) });
    await outbox.whenIdle();

    expect(handler.labels().filter((label) => label === 'task.assigned#44@upn:piet@contoso.nl')).toHaveLength(2);
    // Requeue (read; one batch: the record, its lane entry, the failed entry's removal), the refresh (one read), the delivery (claim: read, its lane, the lease; outcome),
    // then the rest of its lane. No listing of the whole outbox.
    const id = failed?.id ?? '';
    const own = (key: string) =>
      key === `outbox/${id}`
        ? 'record'
        : key === `outbox-failed/${failed?.order}_${id}`
          ? 'failed'
          : /^outbox-lane\/[0-9a-f]{32}\/$/.test(key)
            ? 'lane'
            : key.endsWith(`_${id}`)
              ? 'entry'
              : key;
    expect(storage.calls.map((call) => [call.op, ...call.keys.map(own)])).toEqual([
      ['read', 'record'],
      ['batch', 'record', 'entry', 'failed'],
      ['read', 'record'],
      ['read', 'record'],
      ['list', 'lane'],
      ['batch', 'record'],
      ['read', 'record'],
      ['batch', 'record', 'entry'],
      ['list', 'lane'],
    ]);
    expect((await admin.get(id))?.state).toBe('delivered');
  });

  it('refuses to requeue a queued or delivered item, and to drop one being delivered', async () => {
    const h = outboxHarness();
    h.installations.install('upn:piet@contoso.nl');
    await h.outbox.start();
    const admin = new StoredOutboxAdmin({ storage: h.storage, clock: h.clock, changed: (id) => h.outbox.refresh(id) });
    const delivery = deferred<'delivered'>();
    h.handler.script('task.assigned#44@upn:piet@contoso.nl', delivery.promise);
    await h.outbox.accept([assigned(44, piet)]);
    await eventually(() => h.handler.handled.length === 1, { what: 'the delivery to start' });
    const [busy] = (await admin.list({ state: 'queued', limit: 1, after: null, acceptedBefore: null })).items;
    expect(busy?.deliveringUntil).toEqual(expect.any(String));

    expect(await admin.requeue(busy?.id ?? '')).toEqual({
      kind: 'conflict',
      reason: 'the item is queued; only failed and pending items can be requeued',
    });
    expect(await admin.drop(busy?.id ?? '')).toEqual({
      kind: 'conflict',
      reason: 'the item is being delivered right now; try again in a few minutes',
    });
    delivery.resolve('delivered');
    await h.outbox.whenIdle();
    expect(await admin.drop(busy?.id ?? '')).toEqual({ kind: 'done', item: expect.objectContaining({ state: 'delivered' }) });
    expect(await admin.get(busy?.id ?? '')).toBeNull();
    expect(await admin.requeue(busy?.id ?? '')).toEqual({ kind: 'notFound' });
  });
});
