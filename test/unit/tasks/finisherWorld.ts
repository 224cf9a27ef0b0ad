import type { ActAsUser, ActingAccount } from '../../../src/core/session';
import type { UserKey } from '../../../src/core/userKey';
import type { FinishTaskOperation } from '../../../src/digioffice/dto';
import { silentLogger } from '../../../src/logger';
import { FinishLocks } from '../../../src/tasks/finishLocks';
import { TaskFinisher, type FinishRequest } from '../../../src/tasks/finishTasks';
import { TaskStore } from '../../../src/tasks/taskStore';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { ALEX, APPROVE } from './taskFixtures';

/** What the TaskFinisher tests share: a fixed clock, Alex's session, a fake finish endpoint and in-memory storage. */

export const NOW = new Date('2026-11-30T16:05:00.000Z');
const session = {
  callAsUser: <T>(_user: UserKey, call: (bearer: string, account: ActingAccount) => Promise<T>) =>
    call('bearer-of-alex', { displayName: 'Alex Wilber', digiOfficeUserId: '4711' }),
};

/** DigiOffice's finish endpoint: records each POST; `answers` decides each one (default: taken). */
export class FakeDigiOffice {
  readonly posted: FinishTaskOperation[] = [];
  answers: Array<() => Promise<void>> = [];

  finishTasks(operation: FinishTaskOperation, bearerToken: string): Promise<void> {
    expect(bearerToken).toBe('bearer-of-alex');
    this.posted.push(operation);
    return (this.answers.shift() ?? (() => Promise.resolve()))();
  }
}

export const approve42: FinishRequest = {
  user: ALEX,
  verb: 'task.finish',
  taskIds: [42],
  transition: { id: APPROVE.ID },
  inputs: { comment: 'ok' },
  userZone: 'Europe/Amsterdam',
};

export const operationFor = (taskIds: number[], transitionId = APPROVE.ID, comment: string | null = 'ok') => ({
  TaskIDs: taskIds,
  WSVerbindingID: null,
  Transitions: [
    {
      ...APPROVE,
      ID: transitionId,
      UserIDs: [],
      GroupIDs: [],
      RoleIDs: [],
      DeferUntil: null,
      DeferralNote: null,
    },
  ],
  DeferTo: null,
  Reason: null,
  Comment: comment,
});

/** Task 42 as the bot records it after Alex approved it with the comment "ok", now. */
export const finished = { kind: 'finished', by: 'Alex Wilber', at: NOW.toISOString(), transitionName: 'Approve', comment: 'ok' } as const;

/**
 * Fresh storage, task store and fake endpoint; `finisher()` is one bot instance over them (call it twice for two).
 * The clock stands at {@link NOW} until `setNow` moves it.
 */
export function finisherWorld() {
  let now = NOW;
  const clock = { now: () => now };
  const storage = new MemoryStorage();
  const tasks = new TaskStore(storage);
  const digiOffice = new FakeDigiOffice();
  const finisher = (store: TaskStore = tasks, as: ActAsUser = session) =>
    new TaskFinisher({
      tasks: store,
      locks: new FinishLocks(storage, clock),
      session: as,
      digiOffice,
      clock,
      digiOfficeZone: 'Europe/Amsterdam',
      wsVerbindingId: null,
      logger: silentLogger,
    });
  return {
    storage,
    tasks,
    digiOffice,
    finisher,
    setNow: (instant: Date) => {
      now = instant;
    },
    locksHeld: () => storage.list('finish-lock/'),
    stateOf: async (taskId: number) => (await tasks.get(ALEX, taskId))?.snapshot.state,
  };
}
