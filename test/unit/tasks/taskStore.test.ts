import type { TaskState } from '../../../src/core/task';
import { TaskStore } from '../../../src/tasks/taskStore';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { ALEX, openTask } from './taskFixtures';

const JAN = { tenantId: ALEX.tenantId, aadObjectId: 'b1b2c3d4-0000-4000-8000-0000000000a2' };
const CUTOFF = new Date('2026-11-01T00:00:00.000Z');
const BEFORE = '2026-10-31T23:59:59.999Z';
const AFTER = '2026-11-01T00:00:00.001Z';
const finished: TaskState = { kind: 'finished', by: 'Alex Wilber', at: BEFORE, transitionName: 'Approve' };

let storage: MemoryStorage;
let tasks: TaskStore;

beforeEach(() => {
  storage = new MemoryStorage();
  tasks = new TaskStore(storage);
});

const ids = async (user = ALEX) => (await tasks.listForUser(user)).map((s) => s.task.ID).sort((a, b) => a - b);

describe('TaskStore.pruneNotOpen()', () => {
  it('deletes the snapshots of tasks that are no longer open and have not changed since the cutoff', async () => {
    await tasks.save(openTask(1, { state: finished, updatedAt: BEFORE }));
    await tasks.save(openTask(3, { state: { kind: 'closed', by: null, at: null }, updatedAt: CUTOFF.toISOString() }));
    await tasks.save(openTask(4, { state: { kind: 'unavailable', at: BEFORE }, updatedAt: BEFORE }));
    await tasks.save({ ...openTask(5, { state: finished, updatedAt: BEFORE }), recipient: JAN });

    await expect(tasks.pruneNotOpen(CUTOFF)).resolves.toBe(4);

    expect(await storage.list('task/')).toEqual([]);
  });

  it('keeps a deferred task however long ago it was deferred: DigiOffice keeps it open', async () => {
    await tasks.save(openTask(2, { state: { kind: 'deferred', by: 'Alex Wilber', at: BEFORE, until: AFTER }, updatedAt: BEFORE }));

    await expect(tasks.pruneNotOpen(CUTOFF)).resolves.toBe(0);

    expect(await ids()).toEqual([2]);
  });

  it('keeps open tasks whatever their age, and closed ones that changed after the cutoff', async () => {
    await tasks.save(openTask(1, { updatedAt: '2020-01-01T00:00:00.000Z' }));
    await tasks.save(openTask(2, { state: finished, updatedAt: AFTER }));
    await tasks.save(openTask(3, { state: finished, updatedAt: BEFORE }));

    await expect(tasks.pruneNotOpen(CUTOFF)).resolves.toBe(1);

    expect(await ids()).toEqual([1, 2]);
  });

  it('reads and deletes in chunks, so many users’ snapshots are no problem', async () => {
    for (let id = 1; id <= 250; id++) await tasks.save(openTask(id, id % 2 === 0 ? { state: finished, updatedAt: BEFORE } : {}));

    await expect(tasks.pruneNotOpen(CUTOFF)).resolves.toBe(125);

    expect((await ids()).every((id) => id % 2 === 1)).toBe(true);
    expect(await ids()).toHaveLength(125);
  });
});

describe('TaskStore.listForUser()', () => {
  it('lists only the user’s own snapshots', async () => {
    await tasks.save(openTask(42));
    await tasks.save({ ...openTask(43), recipient: JAN });

    expect(await ids(ALEX)).toEqual([42]);
    expect(await ids(JAN)).toEqual([43]);
  });
});

describe('TaskStore.update() with changes of other keys', () => {
  const other = { op: 'delete', key: 'finish-lock/x/y/1' } as const;

  it('writes them after the snapshot, in one batch', async () => {
    await tasks.save(openTask(1));
    await storage.write({ 'finish-lock/x/y/1': { startedAt: BEFORE } });
    storage.calls.splice(0);
    const next = await tasks.update(ALEX, 1, (s) => ({ ...s, state: finished }), { also: [other] });
    expect(next).toEqual({ ...openTask(1), state: finished });
    expect(storage.calls).toEqual([
      { op: 'read', keys: [`task/${ALEX.tenantId}/${ALEX.aadObjectId}/1`] },
      { op: 'batch', keys: [`task/${ALEX.tenantId}/${ALEX.aadObjectId}/1`, 'finish-lock/x/y/1'] },
    ]);
    expect(storage.snapshot('finish-lock/')).toEqual({});
    expect((await tasks.get(ALEX, 1))?.snapshot).toEqual({ ...openTask(1), state: finished });
  });

  it('applies them on their own when there is no snapshot, or nothing to change', async () => {
    await storage.write({ 'finish-lock/x/y/1': { startedAt: BEFORE } });
    await expect(tasks.update(ALEX, 1, (s) => s, { also: [other] })).resolves.toBeNull();
    expect(storage.snapshot('finish-lock/')).toEqual({});

    await tasks.save(openTask(2));
    await storage.write({ 'finish-lock/x/y/1': { startedAt: BEFORE } });
    await expect(tasks.update(ALEX, 2, () => null, { also: [other] })).resolves.toEqual(openTask(2));
    expect(storage.snapshot('finish-lock/')).toEqual({});
  });

  it("writes on the caller's read of the snapshot without reading it, and reads again when it changed since", async () => {
    await tasks.save(openTask(1));
    const known = await tasks.get(ALEX, 1);
    storage.calls.splice(0);

    await expect(tasks.update(ALEX, 1, (s) => ({ ...s, state: finished }), { known: known ?? undefined })).resolves.toEqual({
      ...openTask(1),
      state: finished,
    });
    expect(storage.calls).toEqual([{ op: 'batch', keys: [`task/${ALEX.tenantId}/${ALEX.aadObjectId}/1`] }]);

    // `known` is now out of date: its eTag no longer holds, so the change is applied to a fresh read.
    await expect(tasks.update(ALEX, 1, (s) => ({ ...s, updatedAt: AFTER }), { known: known ?? undefined })).resolves.toEqual({
      ...openTask(1),
      state: finished,
      updatedAt: AFTER,
    });
    expect((await tasks.get(ALEX, 1))?.snapshot).toEqual({ ...openTask(1), state: finished, updatedAt: AFTER });
  });

  it('reads again and retries when the snapshot changed since it was read, applying them once', async () => {
    await tasks.save(openTask(1));
    const stored = await tasks.get(ALEX, 1);
    let raced = false;
    const next = await tasks.update(
      ALEX,
      1,
      (s) => {
        if (!raced) {
          raced = true;
          void tasks.save({ ...s, updatedAt: AFTER }, stored?.eTag);
        }
        return { ...s, state: finished };
      },
      { also: [other] },
    );
    expect(next).toEqual({ ...openTask(1), updatedAt: AFTER, state: finished });
    expect(storage.calls.filter((call) => call.op === 'batch')).toHaveLength(2);
  });
});
