import type { ActingAccount } from '../../../src/core/session';
import type { UnknownOutcome } from '../../../src/core/task';
import type { UserKey } from '../../../src/core/userKey';
import { DigiOfficeHttpError, DigiOfficeTimeoutError } from '../../../src/digioffice/errors';
import { silentLogger } from '../../../src/logger';
import { FinishPosting } from '../../../src/tasks/finishPosting';
import type { FinishRequest } from '../../../src/tasks/finishTasks';
import { eventually } from '../../helpers/eventually';
import { approve42, finisherWorld, NOW, operationFor } from './finisherWorld';
import { ALEX, APPROVE, openTask } from './taskFixtures';

const FINISH_URL = 'http://do/api/workflowtasks/finish';
const timedOut = () => Promise.reject(new DigiOfficeTimeoutError('POST', FINISH_URL, 8000));
/** DigiOffice's answer to finishing a finished task, as the simulator plays it (docs/digioffice-contract.md). */
const alreadyFinished = () =>
  Promise.reject(
    new DigiOfficeHttpError('POST', FINISH_URL, 400, {
      ErrorCode: 'InvalidOperationException',
      Message: 'Workflow task 42 is already finished.',
      Errors: [{ ErrorCode: 'InvalidOperationException', FieldName: 'TaskIDs', Message: 'Workflow task 42 is already finished.' }],
    }),
  );
const LATER = new Date('2026-11-30T16:09:00.000Z');

const defer42 = (date: string, time = '09:00'): FinishRequest => ({
  user: ALEX,
  verb: 'task.defer',
  taskIds: [42],
  transition: null,
  inputs: { deferToDate: date, deferToTime: time, comment: 'waiting for the supplier' },
  userZone: 'Europe/Amsterdam',
});

const unknownApprove: UnknownOutcome = {
  by: 'Alex Wilber',
  at: NOW.toISOString(),
  attempt: { kind: 'finish', transitionId: APPROVE.ID, transitionName: 'Approve' },
  comment: 'ok',
  inputs: { comment: 'ok' },
};

let world: ReturnType<typeof finisherWorld>;

beforeEach(async () => {
  world = finisherWorld();
  await world.tasks.save(openTask(42));
});

const snapshotOf = async (taskId = 42) => (await world.tasks.get(ALEX, taskId))?.snapshot;

describe('TaskFinisher: a finish DigiOffice may have applied is recorded as unknown', () => {
  it('records the attempt (who, when, what, the inputs) and keeps the task open, posting once', async () => {
    world.digiOffice.answers = [timedOut];

    const outcome = await world.finisher().finish(approve42);

    expect(world.digiOffice.posted).toEqual([operationFor([42])]);
    const recorded = { ...openTask(42), unknownOutcome: unknownApprove };
    expect(outcome).toEqual({ kind: 'unknown', snapshots: [recorded] });
    expect(await snapshotOf()).toEqual(recorded);
    expect(await world.locksHeld()).toEqual([]);
  });

  it('records the user by the name that came with the token the POST was made with, reading nothing else', async () => {
    world.digiOffice.answers = [timedOut];
    const accounts: string[] = [];
    const session = {
      callAsUser: <T>(_user: UserKey, call: (bearer: string, account: ActingAccount) => Promise<T>) => {
        accounts.push('read');
        return call('bearer-of-alex', { displayName: 'Alex W. (with the token)', digiOfficeUserId: '4711' });
      },
    };
    world.storage.calls.splice(0);

    const outcome = await world.finisher(world.tasks, session).finish(approve42);

    expect(accounts).toEqual(['read']);
    // The task read first, the lock, the read under it, the record's read and write, the answer's read, the release.
    expect(world.storage.calls.map((call) => call.op)).toEqual(['read', 'create', 'read', 'read', 'batch', 'read', 'delete']);
    const recorded = { ...openTask(42), unknownOutcome: { ...unknownApprove, by: 'Alex W. (with the token)' } };
    expect(outcome).toEqual({ kind: 'unknown', snapshots: [recorded] });
    expect(await snapshotOf()).toEqual(recorded);
  });

  it('a retry that DigiOffice answers "already finished" shows the task finished by the user at the first attempt’s time', async () => {
    world.digiOffice.answers = [timedOut, alreadyFinished];
    await world.finisher().finish(approve42);
    world.setNow(LATER);

    const retried = await world.finisher().finish(approve42);

    const finishedThen = { kind: 'finished', by: 'Alex Wilber', at: NOW.toISOString(), transitionName: 'Approve', comment: 'ok' };
    const settled = { ...openTask(42), state: finishedThen, revision: 2, updatedAt: LATER.toISOString() };
    expect(retried).toEqual({ kind: 'alreadyFinished', snapshots: [settled] });
    expect(await snapshotOf()).toEqual(settled);
    expect(world.digiOffice.posted).toEqual([operationFor([42]), operationFor([42])]);
  });

  it('a retry that DigiOffice takes finishes the task now and ends the unknown outcome', async () => {
    world.digiOffice.answers = [timedOut];
    await world.finisher().finish(approve42);
    world.setNow(LATER);

    const retried = await world.finisher().finish({ ...approve42, inputs: { comment: 'second try' } });

    expect(retried.kind).toBe('done');
    expect(await snapshotOf()).toEqual({
      ...openTask(42),
      state: { kind: 'finished', by: 'Alex Wilber', at: LATER.toISOString(), transitionName: 'Approve', comment: 'second try' },
      revision: 2,
      updatedAt: LATER.toISOString(),
    });
  });

  it('a retry that times out again keeps the first attempt’s time and the latest inputs', async () => {
    world.digiOffice.answers = [timedOut, timedOut];
    await world.finisher().finish(approve42);
    world.setNow(LATER);

    const retried = await world.finisher().finish({ ...approve42, inputs: { comment: 'second try' } });

    expect(retried.kind).toBe('unknown');
    expect((await snapshotOf())?.unknownOutcome).toEqual({ ...unknownApprove, inputs: { comment: 'second try' } });
  });

  it('a finished task with no unknown attempt of the user was finished elsewhere: closed, by nobody known', async () => {
    world.digiOffice.answers = [alreadyFinished];

    const outcome = await world.finisher().finish(approve42);

    expect(outcome.kind).toBe('alreadyFinished');
    expect((await snapshotOf())?.state).toEqual({ kind: 'closed', by: null, at: null });
  });

  it('a deferral with an unknown outcome is not a finish: "already finished" after it means finished elsewhere', async () => {
    world.digiOffice.answers = [timedOut, alreadyFinished];
    await world.finisher().finish(defer42('2026-12-07'));
    expect((await snapshotOf())?.unknownOutcome).toEqual({
      by: 'Alex Wilber',
      at: NOW.toISOString(),
      attempt: { kind: 'defer', until: '2026-12-07T08:00:00.000Z' },
      comment: 'waiting for the supplier',
      inputs: { deferToDate: '2026-12-07', deferToTime: '09:00', comment: 'waiting for the supplier' },
    });

    await world.finisher().finish(approve42);

    expect((await snapshotOf())?.state).toEqual({ kind: 'closed', by: null, at: null });
  });

  it('a click waiting for another instance whose POST timed out gets the unknown outcome without posting', async () => {
    let answer = () => {};
    world.digiOffice.answers = [() => new Promise<void>((_resolve, reject) => (answer = () => void timedOut().catch(reject)))];

    const first = world.finisher().finish(approve42);
    await eventually(() => world.digiOffice.posted.length === 1, { what: 'the first POST' });
    const second = world.finisher().finish(approve42);
    answer();

    await expect(first).resolves.toMatchObject({ kind: 'unknown' });
    await expect(second).resolves.toMatchObject({ kind: 'unknown' });
    expect(world.digiOffice.posted).toHaveLength(1);
  });

  it('a failure around the POST (refreshing the sign-in timed out) is not unknown: nothing was posted', async () => {
    const posting = new FinishPosting({
      session: { callAsUser: () => timedOut() },
      digiOffice: world.digiOffice,
      target: { digiOfficeZone: 'Europe/Amsterdam', wsVerbindingId: null },
      logger: silentLogger,
    });
    const command = { taskIds: [42], transition: null, deferTo: new Date('2026-12-07T08:00:00.000Z'), reason: null, comment: null };

    expect(await posting.post(ALEX, { command, transitionName: null })).toMatchObject({ failure: { kind: 'failed' } });
    expect(world.digiOffice.posted).toEqual([]);
  });
});

describe('TaskFinisher: a click on a card drawn before the task changed posts nothing', () => {
  it('answers a card revision older than the task’s with the current task, and posts nothing', async () => {
    await world.tasks.save(openTask(42, { revision: 3 }));

    const outcome = await world.finisher().finish({ ...approve42, cardRevision: 2 });

    expect(outcome).toEqual({ kind: 'stale', snapshots: [openTask(42, { revision: 3 })] });
    expect(world.digiOffice.posted).toEqual([]);
  });

  it('says stale rather than closed for a task closed since the card was drawn', async () => {
    await world.tasks.save(openTask(42, { revision: 2, state: { kind: 'closed', by: 'Piet Jansen', at: null } }));

    await expect(world.finisher().finish({ ...approve42, cardRevision: 1 })).resolves.toMatchObject({ kind: 'stale' });
    expect(world.digiOffice.posted).toEqual([]);
  });

  it('posts for a card of the current revision, and for a card that carries none (drawn before revisions were sent)', async () => {
    await world.tasks.save(openTask(42, { revision: 3 }));
    await world.tasks.save(openTask(43, { revision: 5 }));

    await expect(world.finisher().finish({ ...approve42, cardRevision: 3 })).resolves.toMatchObject({ kind: 'done' });
    await expect(world.finisher().finish({ ...approve42, taskIds: [43] })).resolves.toMatchObject({ kind: 'done' });
    expect(world.digiOffice.posted).toEqual([operationFor([42]), operationFor([43])]);
  });
});

describe('TaskFinisher: a deferred task stays open', () => {
  it('finishes a deferred task, with one POST', async () => {
    await world.finisher().finish(defer42('2026-12-07'));

    const outcome = await world.finisher().finish({ ...approve42, cardRevision: 2 });

    expect(outcome.kind).toBe('done');
    expect((await snapshotOf())?.state).toEqual({
      kind: 'finished',
      by: 'Alex Wilber',
      at: NOW.toISOString(),
      transitionName: 'Approve',
      comment: 'ok',
    });
    expect(world.digiOffice.posted.map((p) => [p.DeferTo, p.Transitions?.[0]?.Name ?? null])).toEqual([
      ['2026-12-07T09:00:00.0000000', null],
      [null, 'Approve'],
    ]);
  });

  it('a second deferral moves the date; each one carries the comment and moves the revision on', async () => {
    await world.finisher().finish(defer42('2026-12-07'));
    const outcome = await world.finisher().finish({ ...defer42('2026-12-14', '13:30'), cardRevision: 2 });

    expect(outcome.kind).toBe('done');
    expect(await snapshotOf()).toMatchObject({
      state: {
        kind: 'deferred',
        by: 'Alex Wilber',
        at: NOW.toISOString(),
        until: '2026-12-14T12:30:00.000Z',
        comment: 'waiting for the supplier',
      },
      revision: 3,
    });
    expect(world.digiOffice.posted.map((p) => p.DeferTo)).toEqual(['2026-12-07T09:00:00.0000000', '2026-12-14T13:30:00.0000000']);
  });

  it('a click waiting for another instance that deferred the task gets the deferred task, without a second POST', async () => {
    let taken = () => {};
    world.digiOffice.answers = [() => new Promise<void>((resolve) => (taken = resolve))];

    const first = world.finisher().finish(defer42('2026-12-07'));
    await eventually(() => world.digiOffice.posted.length === 1, { what: 'the first POST' });
    const second = world.finisher().finish(defer42('2026-12-07'));
    taken();

    await expect(first).resolves.toMatchObject({ kind: 'done' });
    await expect(second).resolves.toMatchObject({ kind: 'stale', snapshots: [{ state: { kind: 'deferred' } }] });
    expect(world.digiOffice.posted).toHaveLength(1);
  });
});
