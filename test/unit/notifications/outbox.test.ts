import { eventually } from '../../helpers/eventually';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { AAD, notification } from './fixtures';
import { deferred, outboxHarness, stopAll, storedRecords } from './outboxHarness';

const T0 = Date.parse('2026-11-30T16:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const jan = { userPrincipalName: 'jan@contoso.nl' };
const piet = { userPrincipalName: 'piet@contoso.nl' };
const assigned = (taskId = 42, recipient: object = jan, extra: Record<string, unknown> = {}) =>
  notification({ task: { ID: taskId, Name: `Task ${taskId}` }, recipient, ...extra });
const closed = (taskId = 42, recipient: object = jan) =>
  notification({ event: 'task.closed', task: { ID: taskId, Name: `Task ${taskId}` }, recipient, transitions: undefined, closedBy: 'Jan' });

afterEach(stopAll);

describe('Outbox.accept()', () => {
  it('stores the notification durably before it resolves: a new outbox over the same storage delivers it', async () => {
    const first = outboxHarness();
    first.installations.install('upn:jan@contoso.nl');
    const n = assigned(42, jan, { id: 'evt-1' });
    expect(await first.outbox.accept([n])).toEqual([{ id: 'evt-1', status: 'queued' }]);
    expect(storedRecords(first.storage)).toEqual([
      {
        id: expect.stringMatching(UUID) as string,
        answerId: 'evt-1',
        key: 'id:evt-1',
        order: T0 * 1000,
        lane: '42|upn:jan@contoso.nl',
        recipientKeys: ['upn:jan@contoso.nl'],
        notification: JSON.parse(JSON.stringify(n)) as unknown,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        acceptedAt: iso(T0),
        updatedAt: iso(T0),
      },
    ]);
    expect(Object.values(first.storage.snapshot('outbox-key/'))).toEqual([
      { id: 'evt-1', recordId: storedRecords(first.storage)[0]?.id, acceptedAt: iso(T0) },
    ]);

    const second = outboxHarness({ storage: first.storage, clock: first.clock });
    await second.outbox.start();
    await second.outbox.whenIdle();
    expect(second.handler.labels()).toEqual(['task.assigned#42@upn:jan@contoso.nl']);
    expect(storedRecords(first.storage).map((r) => [r.status, r.attempts])).toEqual([['delivered', 1]]);
  });

  it('answers with a generated id when the sender gave none', async () => {
    const { outbox, storage, installations } = outboxHarness();
    installations.install('upn:jan@contoso.nl');
    const [result] = await outbox.accept([assigned()]);
    expect(result?.status).toBe('queued');
    expect(result?.id).toMatch(UUID);
    expect(storedRecords(storage).map((r) => [r.id, r.answerId])).toEqual([[result?.id, result?.id]]);
  });

  it('answers duplicate for a repeat, also within one batch, and stores it once', async () => {
    const { outbox, storage, handler, installations } = outboxHarness();
    installations.install('upn:jan@contoso.nl');
    const [first] = await outbox.accept([assigned()]);
    const again = await outbox.accept([assigned(42, jan, { task: { ID: 42, Name: 'Renamed' } }), assigned(43), assigned(43)]);
    const id43 = again[1]?.id;
    expect(again).toEqual([
      { id: first?.id, status: 'duplicate' },
      { id: id43, status: 'queued' },
      { id: id43, status: 'duplicate' },
    ]);
    expect(await outbox.accept([assigned(42, jan, { id: 'x' }), assigned(42, jan, { id: 'x' })])).toEqual([
      { id: 'x', status: 'queued' },
      { id: 'x', status: 'duplicate' },
    ]);
    expect(storedRecords(storage).map((r) => r.key)).toEqual(['assigned:42:upn:jan@contoso.nl', 'assigned:43:upn:jan@contoso.nl', 'id:x']);
    await outbox.start();
    await outbox.whenIdle();
    expect(handler.labels().sort()).toEqual([
      'task.assigned#42@upn:jan@contoso.nl',
      'task.assigned#42@upn:jan@contoso.nl',
      'task.assigned#43@upn:jan@contoso.nl',
    ]);
  });

  it('treats a repeat after the key retention as new', async () => {
    const { outbox, storage, clock } = outboxHarness({ retention: { keyMs: 60_000 } });
    await outbox.accept([assigned()]);
    clock.advance(60_001);
    expect((await outbox.accept([assigned()]))[0]?.status).toBe('pending');
    expect(storedRecords(storage)).toHaveLength(2);
  });

  it('rejects when storage fails, so the sender is never told a lost notification was accepted', async () => {
    const storage = new MemoryStorage();
    storage.batch = () => Promise.reject(new Error('disk full'));
    const { outbox } = outboxHarness({ storage });
    await expect(outbox.accept([assigned()])).rejects.toThrow('disk full');
    expect(storage.snapshot()).toEqual({});
  });
});

describe('pending notifications', () => {
  it('parks items for a recipient without installation and releases them, in order, when the user installs', async () => {
    const { outbox, storage, handler, installations } = outboxHarness();
    await outbox.start();
    expect(await outbox.accept([assigned(42, jan, { id: 'a' }), assigned(43, jan, { id: 'b' }), closed(42, jan)])).toEqual([
      { id: 'a', status: 'pending' },
      { id: 'b', status: 'pending' },
      { id: expect.stringMatching(UUID) as string, status: 'pending' },
    ]);
    await outbox.whenIdle();
    expect(handler.labels()).toEqual([]);
    expect(Object.keys(storage.snapshot('outbox-pending/'))).toHaveLength(3);

    // The installation is known by AAD object id, with the UPN the notifications used.
    installations.install(`aad:${AAD}`, 'upn:jan@contoso.nl');
    expect(await outbox.releasePending({ aadObjectId: AAD, userPrincipalName: 'Jan@Contoso.nl', email: null })).toBe(3);
    await outbox.whenIdle();
    expect(handler.labels()).toEqual([
      'task.assigned#42@upn:jan@contoso.nl',
      'task.assigned#43@upn:jan@contoso.nl',
      'task.closed#42@upn:jan@contoso.nl',
    ]);
    expect(storedRecords(storage).map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(storage.snapshot('outbox-pending/')).toEqual({});
    expect(await outbox.releasePending({ aadObjectId: AAD, userPrincipalName: 'jan@contoso.nl' })).toBe(0);
  });

  it("releases only the installing user's items", async () => {
    const { outbox, handler } = outboxHarness();
    await outbox.start();
    await outbox.accept([assigned(1, jan), assigned(2, piet)]);
    expect(await outbox.releasePending({ email: 'piet@contoso.nl', userPrincipalName: 'piet@contoso.nl' })).toBe(1);
    await outbox.whenIdle();
    expect(handler.labels()).toEqual(['task.assigned#2@upn:piet@contoso.nl']);
  });

  it('queues at once when the user installed between the check and the write', async () => {
    let checks = 0;
    const { outbox, storage } = outboxHarness({ isInstalled: () => Promise.resolve(++checks > 1) });
    expect(await outbox.accept([assigned()])).toEqual([{ id: expect.stringMatching(UUID) as string, status: 'queued' }]);
    expect(storedRecords(storage).map((r) => r.status)).toEqual(['queued']);
    expect(storage.snapshot('outbox-pending/')).toEqual({});
  });

  it('parks an item the handler could not deliver for lack of an installation, and starts it afresh on release', async () => {
    const { outbox, storage, handler, installations } = outboxHarness();
    installations.install('upn:jan@contoso.nl');
    handler.script('task.assigned#42@upn:jan@contoso.nl', 'pending');
    await outbox.start();
    await outbox.accept([assigned()]);
    await outbox.whenIdle();
    expect(storedRecords(storage).map((r) => [r.status, r.attempts])).toEqual([['pending', 1]]);
    expect(await outbox.releasePending(jan)).toBe(1);
    await outbox.whenIdle();
    expect(storedRecords(storage).map((r) => [r.status, r.attempts])).toEqual([['delivered', 1]]);
    expect(handler.labels()).toHaveLength(2);
  });

  it('releases parked items on start when the recipient installed meanwhile', async () => {
    const first = outboxHarness();
    await first.outbox.accept([assigned()]);
    const second = outboxHarness({ storage: first.storage, clock: first.clock });
    second.installations.install('upn:jan@contoso.nl');
    await second.outbox.start();
    await second.outbox.whenIdle();
    expect(storedRecords(first.storage).map((r) => r.status)).toEqual(['delivered']);
  });
});

describe('an outbox alone on its storage (the embedded store)', () => {
  const JAN_42 = 'task.assigned#42@upn:jan@contoso.nl';

  it('accepts with one read and one batch, and delivers with one read and one batch: no listing, no lease', async () => {
    const { outbox, storage, installations } = outboxHarness({ sole: true });
    installations.install('upn:jan@contoso.nl');
    await outbox.start();
    storage.calls.splice(0);
    await outbox.accept([assigned()]);
    await outbox.whenIdle();
    const [record] = storedRecords(storage);
    const [lane] = Object.keys(storage.snapshot('outbox-lane/'));
    const [key] = Object.keys(storage.snapshot('outbox-key/'));
    expect(lane).toBeUndefined();
    const laneKey = expect.stringMatching(
      new RegExp(`^outbox-lane/[0-9a-f]{32}/${String(record?.order)}_${String(record?.id)}$`),
    ) as string;
    expect(storage.calls).toEqual([
      { op: 'read', keys: [key] },
      { op: 'batch', keys: [`outbox/${String(record?.id)}`, laneKey, key] },
      { op: 'read', keys: [`outbox/${String(record?.id)}`] },
      { op: 'batch', keys: [`outbox/${String(record?.id)}`, laneKey] },
    ]);
    expect(record).toEqual(expect.objectContaining({ status: 'delivered', attempts: 1 }));
    expect(record?.lease).toBeUndefined();
  });

  it('resumes at once the delivery its predecessor was running when it died: there is no lease to wait for', async () => {
    const first = outboxHarness({ sole: true });
    first.installations.install('upn:jan@contoso.nl');
    const never = deferred<'delivered'>();
    first.handler.script(JAN_42, never.promise);
    await first.outbox.start();
    await first.outbox.accept([assigned()]);
    await eventually(() => first.handler.labels().length === 1, { what: 'the first attempt' });

    const second = outboxHarness({ sole: true, storage: first.storage, clock: first.clock });
    second.installations.install('upn:jan@contoso.nl');
    await second.outbox.start();
    await second.outbox.whenIdle();
    expect(second.handler.labels()).toEqual([JAN_42]);
    expect(storedRecords(first.storage).map((r) => [r.status, r.attempts])).toEqual([['delivered', 1]]);

    // The dead process's late outcome changes nothing: the record changed since it read it.
    never.resolve('delivered');
    await first.outbox.whenIdle();
    expect(storedRecords(first.storage).map((r) => [r.status, r.attempts])).toEqual([['delivered', 1]]);
  });
});
