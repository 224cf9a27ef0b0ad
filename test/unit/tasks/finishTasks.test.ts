import type { ActingAccount } from '../../../src/core/session';
import type { TaskSnapshot } from '../../../src/core/task';
import type { UserKey } from '../../../src/core/userKey';
import { DigiOfficeHttpError } from '../../../src/digioffice/errors';
import { TaskStore } from '../../../src/tasks/taskStore';
import { eventually } from '../../helpers/eventually';
import type { MemoryStorage } from '../../helpers/memoryStorage';
import { approve42, FakeDigiOffice, finished, finisherWorld, NOW, operationFor } from './finisherWorld';
import { ALEX, APPROVE, openTask } from './taskFixtures';

let storage: MemoryStorage;
let tasks: TaskStore;
let digiOffice: FakeDigiOffice;
let finisher: ReturnType<typeof finisherWorld>['finisher'];
let locksHeld: () => Promise<string[]>;
let stateOf: ReturnType<typeof finisherWorld>['stateOf'];

beforeEach(async () => {
  ({ storage, tasks, digiOffice, finisher, locksHeld, stateOf } = finisherWorld());
  await tasks.save(openTask(42));
});

describe('TaskFinisher: one click, one POST', () => {
  it('posts the click once, records the outcome on the snapshot and releases its locks', async () => {
    const outcome = await finisher().finish(approve42);

    expect(digiOffice.posted).toEqual([operationFor([42])]);
    expect(outcome).toEqual({ kind: 'done', snapshots: [{ ...openTask(42), state: finished, revision: 2, updatedAt: NOW.toISOString() }] });
    expect(await locksHeld()).toEqual([]);
  });

  it('writes a click as the lock, then the outcome and the lock release in one batch (two commits on SQLite), none of it fsynced', async () => {
    const approve43 = { ...APPROVE, ID: '33333333-3333-3333-3333-333333333333' };
    await tasks.save(openTask(43, { transitions: [approve43] }));
    storage.calls.splice(0);

    await finisher().finish({ ...approve42, taskIds: [42, 43], transition: { name: 'approve' } });

    const lock = (id: number) => `finish-lock/${ALEX.tenantId}/${ALEX.aadObjectId}/${id}`;
    const task = (id: number) => `task/${ALEX.tenantId}/${ALEX.aadObjectId}/${id}`;
    expect(storage.calls.filter((call) => call.op !== 'read')).toEqual([
      { op: 'create', keys: [lock(42)], durability: 'process-crash' },
      { op: 'create', keys: [lock(43)], durability: 'process-crash' },
      { op: 'batch', keys: [task(42)], durability: 'process-crash' },
      { op: 'batch', keys: [task(43), lock(42), lock(43)], durability: 'process-crash' },
    ]);
    expect([await stateOf(42), await stateOf(43)]).toEqual([finished, finished]);
    expect(await locksHeld()).toEqual([]);
  });

  it('reads the task once before its lock and once under it, and answers with the task as it wrote it', async () => {
    storage.calls.splice(0);

    const outcome = await finisher().finish(approve42);

    const lock = `finish-lock/${ALEX.tenantId}/${ALEX.aadObjectId}/42`;
    const task = `task/${ALEX.tenantId}/${ALEX.aadObjectId}/42`;
    expect(storage.calls).toEqual([
      { op: 'read', keys: [task] },
      { op: 'create', keys: [lock], durability: 'process-crash' },
      { op: 'read', keys: [task] },
      { op: 'batch', keys: [task, lock], durability: 'process-crash' },
    ]);
    expect(outcome).toEqual({ kind: 'done', snapshots: [(await tasks.get(ALEX, 42))?.snapshot] });
  });

  it('records the user by the name that came with their token, without asking for it again', async () => {
    const world = finisherWorld();
    await world.tasks.save(openTask(42));
    const session = {
      callAsUser: <T>(_user: UserKey, call: (bearer: string, account: ActingAccount) => Promise<T>) =>
        call('bearer-of-alex', { displayName: 'Alex W. (with the token)', digiOfficeUserId: '4711' }),
    };

    const outcome = await world.finisher(world.tasks, session).finish(approve42);

    const state = { ...finished, by: 'Alex W. (with the token)' };
    expect(outcome).toEqual({ kind: 'done', snapshots: [{ ...openTask(42), state, revision: 2, updatedAt: NOW.toISOString() }] });
    expect(await world.stateOf(42)).toEqual(state);
  });

  it("takes the caller's read of the task instead of reading it before the lock; only the read under the lock decides", async () => {
    storage.calls.splice(0);

    await finisher().finish({ ...approve42, read: [openTask(42)] });

    const task = `task/${ALEX.tenantId}/${ALEX.aadObjectId}/42`;
    expect(storage.calls.filter((call) => call.op === 'read')).toEqual([{ op: 'read', keys: [task] }]);
    expect(digiOffice.posted).toEqual([operationFor([42])]);

    // A caller's read from before that click finished the task: the read under the lock answers, nothing is posted.
    const again = await finisher().finish({ ...approve42, read: [openTask(42)] });

    expect(digiOffice.posted).toHaveLength(1);
    expect(again).toEqual({
      kind: 'notOpen',
      snapshots: [{ ...openTask(42), state: finished, revision: 2, updatedAt: NOW.toISOString() }],
    });
    expect(await locksHeld()).toEqual([]);
  });

  it('answers a later click on the finished task from the recorded outcome, posting nothing, also from another instance', async () => {
    await finisher().finish(approve42);

    const again = await finisher().finish(approve42);

    expect(digiOffice.posted).toHaveLength(1);
    expect(again).toEqual({ kind: 'notOpen', snapshots: [expect.objectContaining({ state: finished })] });
    expect(await locksHeld()).toEqual([]);
  });

  it('posts nothing for a click that read the task while it was open and got its lock after the first click released it', async () => {
    const first = finisher();
    // The second click's first read happens before the first click finishes the task.
    const staleRead = new StaleFirstRead(storage, openTask(42));

    await first.finish(approve42);
    const second = await finisher(staleRead).finish(approve42);

    expect(staleRead.servedStale).toBe(true);
    expect(digiOffice.posted).toHaveLength(1);
    expect(second).toEqual({ kind: 'notOpen', snapshots: [expect.objectContaining({ state: finished })] });
    expect(await locksHeld()).toEqual([]);
  });

  it('lets a duplicate click on another instance wait for the attempt holding the lock, posting once', async () => {
    const taken = gate();
    digiOffice.answers = [() => taken.promise];

    const first = finisher().finish(approve42);
    await eventually(() => digiOffice.posted.length === 1, { what: 'the first POST' });
    const second = finisher().finish(approve42);
    taken.open();

    await expect(first).resolves.toMatchObject({ kind: 'done' });
    await expect(second).resolves.toEqual({ kind: 'notOpen', snapshots: [expect.objectContaining({ state: finished })] });
    expect(digiOffice.posted).toHaveLength(1);
  });

  it('releases the locks when DigiOffice fails, so trying again posts again', async () => {
    digiOffice.answers = [() => Promise.reject(new DigiOfficeHttpError('POST', 'http://do/api/workflowtasks/finish', 500, null))];

    const failed = await finisher().finish(approve42);
    expect(failed).toEqual({ kind: 'failed', snapshots: [openTask(42)] });
    expect(await locksHeld()).toEqual([]);

    await expect(finisher().finish(approve42)).resolves.toMatchObject({ kind: 'done' });
    expect(digiOffice.posted).toEqual([operationFor([42]), operationFor([42])]);
  });

  it('keeps the locks when the outcome cannot be recorded after DigiOffice took the POST', async () => {
    const broken = new FailingUpdates(storage);

    await expect(finisher(broken).finish(approve42)).rejects.toThrow('storage is down');

    expect(digiOffice.posted).toHaveLength(1);
    expect(await locksHeld()).toEqual([`finish-lock/${ALEX.tenantId}/${ALEX.aadObjectId}/42`]);
  });

  it('keeps what an earlier operation of a batch finished when a later one fails, and releases every lock', async () => {
    const approve43 = { ...APPROVE, ID: '33333333-3333-3333-3333-333333333333' };
    await tasks.save(openTask(43, { transitions: [approve43] }));
    digiOffice.answers = [
      () => Promise.resolve(),
      () => Promise.reject(new DigiOfficeHttpError('POST', 'http://do/api/workflowtasks/finish', 503, null)),
    ];

    const outcome = await finisher().finish({ ...approve42, taskIds: [42, 43], transition: { name: 'approve' } });

    expect(digiOffice.posted).toEqual([operationFor([42]), operationFor([43], approve43.ID)]);
    expect(outcome.kind).toBe('failed');
    expect([await stateOf(42), await stateOf(43)]).toEqual([finished, { kind: 'open' }]);
    expect(await locksHeld()).toEqual([]);
  });
});

/** A task store whose first read of the tasks returns what was stored before another click finished them. */
class StaleFirstRead extends TaskStore {
  servedStale = false;

  constructor(
    storage: MemoryStorage,
    private readonly stale: TaskSnapshot,
  ) {
    super(storage);
  }

  override async getMany(user: UserKey, taskIds: number[]) {
    if (this.servedStale) return super.getMany(user, taskIds);
    this.servedStale = true;
    return { found: [{ snapshot: this.stale, eTag: undefined }], missing: [] };
  }
}

/** A task store that can read but not record an outcome. */
class FailingUpdates extends TaskStore {
  override update(): Promise<TaskSnapshot | null> {
    return Promise.reject(new Error('storage is down'));
  }
}

function gate(): { promise: Promise<void>; open(): void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
