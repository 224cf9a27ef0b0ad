import type { SeedTask, SimulatorSeed } from './seed';

export type TaskStatus = 'open' | 'deferred' | 'finished';

/** The transition a finish chose, with what the caller added to it. */
export interface ChosenTransition {
  ID: string;
  Name: string;
  UserIDs: number[];
  GroupIDs: number[];
  RoleIDs: number[];
  /** DigiOffice wall-clock text, or null. */
  DeferUntil: string | null;
  DeferralNote: string | null;
}

export interface FinishRecord {
  byUserId: number;
  /** DigiOffice wall-clock text of the moment it was finished. */
  at: string;
  transition: ChosenTransition;
  reason: string | null;
  comment: string | null;
  wsVerbindingId: string | null;
}

export interface DeferralRecord {
  byUserId: number;
  /** DigiOffice wall-clock text the task is deferred to. */
  until: string;
  reason: string | null;
  comment: string | null;
  wsVerbindingId: string | null;
  via: 'finish' | 'postpone';
}

/** What the simulator knows about a task now (`taskState(id)`). */
export interface TaskState {
  id: number;
  userId: number;
  status: TaskStatus;
  finished: FinishRecord | null;
  deferred: DeferralRecord | null;
}

export interface StoredTask {
  seed: SeedTask;
  state: TaskState;
}

/** Mutable task state over the immutable seed. */
export class TaskStore {
  private tasks = new Map<number, StoredTask>();

  constructor(private readonly seed: SimulatorSeed) {
    this.reset();
  }

  reset(): void {
    this.tasks = new Map(
      this.seed.tasks.map((seed) => [
        seed.id,
        { seed, state: { id: seed.id, userId: seed.userId, status: 'open', finished: null, deferred: null } },
      ]),
    );
  }

  find(id: number): StoredTask | undefined {
    return this.tasks.get(id);
  }

  ofUser(userId: number): StoredTask[] {
    return [...this.tasks.values()].filter((t) => t.state.userId === userId);
  }

  snapshot(id: number): TaskState | undefined {
    const task = this.tasks.get(id);
    return task ? structuredClone(task.state) : undefined;
  }

  markFinished(id: number, record: FinishRecord): void {
    const task = this.require(id);
    task.state = { ...task.state, status: 'finished', finished: record };
  }

  markDeferred(id: number, record: DeferralRecord): void {
    const task = this.require(id);
    task.state = { ...task.state, status: 'deferred', deferred: record };
  }

  private require(id: number): StoredTask {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`unknown task ${id}`);
    return task;
  }
}
