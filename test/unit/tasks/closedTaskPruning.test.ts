import { silentLogger } from '../../../src/logger';
import { CLOSED_TASK_PRUNE_EVERY_MS, CLOSED_TASK_RETENTION_MS, ClosedTaskPruning } from '../../../src/tasks/closedTaskPruning';
import { TaskStore } from '../../../src/tasks/taskStore';
import { ManualEvery } from '../../helpers/manualEvery';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { openTask } from './taskFixtures';

const DAY_MS = 24 * 60 * 60 * 1000;
const FINISHED_AT = Date.parse('2026-11-30T16:00:00.000Z');

let now: number;
let tasks: TaskStore;
let timer: ManualEvery;
let pruning: ClosedTaskPruning;

beforeEach(async () => {
  now = FINISHED_AT;
  tasks = new TaskStore(new MemoryStorage());
  timer = new ManualEvery();
  pruning = new ClosedTaskPruning({ tasks, clock: { now: () => new Date(now) }, every: timer.every, logger: silentLogger });
  const finishedAt = new Date(FINISHED_AT).toISOString();
  await tasks.save(
    openTask(42, { state: { kind: 'finished', by: 'Alex Wilber', at: finishedAt, transitionName: 'Approve' }, updatedAt: finishedAt }),
  );
  await tasks.save(openTask(43, { updatedAt: finishedAt }));
});

afterEach(() => pruning.stop());

const storedIds = async () => (await tasks.listForUser(openTask(0).recipient)).map((s) => s.task.ID).sort((a, b) => a - b);

describe('ClosedTaskPruning', () => {
  it(`keeps a finished task's snapshot for ${CLOSED_TASK_RETENTION_MS / DAY_MS} days after it stopped being open, then deletes it`, async () => {
    pruning.start();
    now = FINISHED_AT + 29 * DAY_MS;
    timer.tick();
    await pruning.runNow();
    expect(await storedIds()).toEqual([42, 43]);

    now = FINISHED_AT + CLOSED_TASK_RETENTION_MS + 1;
    timer.tick();
    await pruning.runNow();
    expect(await storedIds()).toEqual([43]);
  });

  it('runs once at start and then every few hours, until stopped', async () => {
    now = FINISHED_AT + CLOSED_TASK_RETENTION_MS + 1;
    pruning.start();
    await pruning.runNow();

    expect(await storedIds()).toEqual([43]);
    expect(timer.scheduled.map((s) => s.ms)).toEqual([CLOSED_TASK_PRUNE_EVERY_MS]);
    await pruning.stop();
    expect(timer.scheduled.map((s) => s.stopped)).toEqual([true]);
  });
});
