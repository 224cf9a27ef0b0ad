import type { CardInputs } from '../core/cardInputs';
import type { Clock } from '../core/clock';
import type { TaskSnapshot, TaskState, UnknownOutcome } from '../core/task';
import type { UserKey } from '../core/userKey';
import type { StorageChange } from '../storage/storage';
import { CLICK_WRITES } from './finishLocks';
import type { PlannedOperation } from './finishPlan';
import type { StoredSnapshot, TaskStore } from './taskStore';

/**
 * Records what became of a finish in the task snapshots: the state every card of the task shows, and what answers
 * every later click on it (no second POST). A settled outcome moves the snapshot's revision on (cards drawn before it
 * are stale) and ends an unknown one.
 */
export class FinishRecords {
  constructor(private readonly deps: { tasks: TaskStore; clock: Clock }) {}

  /**
   * DigiOffice took the operation: its tasks are finished (or deferred) by the user (`by`, the name their sign-in
   * gives), now, with the comment they typed. `also` is written in one batch with the last task's new state (the locks
   * released with the outcome they guarded: one commit, not two). `known`: the tasks as read under the locks, the base
   * of the writes. Written as the click's writes (`CLICK_WRITES`: no fsync of its own). Resolves to the tasks as
   * written.
   */
  async done(user: UserKey, planned: PlannedOperation, outcome: DoneOutcome): Promise<TaskSnapshot[]> {
    const { by, also, known } = outcome;
    const at = this.deps.clock.now().toISOString();
    const { deferTo, taskIds, comment } = planned.command;
    const state: TaskState =
      deferTo !== null
        ? { kind: 'deferred', by, at, until: deferTo.toISOString(), comment }
        : { kind: 'finished', by, at, transitionName: planned.transitionName ?? '', comment };
    const written: TaskSnapshot[] = [];
    for (const [i, taskId] of taskIds.entries()) {
      const last = i === taskIds.length - 1;
      const snapshot = await this.deps.tasks.update(user, taskId, (s) => settled(s, state, at), {
        also: last ? also : [],
        known: known.get(taskId),
        write: CLICK_WRITES,
      });
      if (snapshot) written.push(snapshot);
    }
    return written;
  }

  /**
   * DigiOffice may have applied the operation without saying so. The first such attempt is kept (its time is when the
   * task was finished, should a retry learn that it was); a later one only updates what the user typed. `by`: the
   * user's name as the sign-in the POST was made with gives it.
   */
  async unknown(user: UserKey, planned: PlannedOperation, made: { inputs: CardInputs; by: string }): Promise<void> {
    const { inputs, by } = made;
    const at = this.deps.clock.now().toISOString();
    const { deferTo, transition, comment, taskIds } = planned.command;
    const attempt: UnknownOutcome['attempt'] = transition
      ? { kind: 'finish', transitionId: transition.stored.ID, transitionName: transition.stored.Name }
      : { kind: 'defer', until: (deferTo ?? new Date(at)).toISOString() };
    const record: UnknownOutcome = { by, at, attempt, comment, inputs };
    for (const taskId of taskIds) {
      await this.deps.tasks.update(user, taskId, (s) => ({
        ...s,
        unknownOutcome: s.unknownOutcome ? { ...s.unknownOutcome, inputs } : record,
      }));
    }
  }

  /**
   * DigiOffice says the tasks are already finished. After an unknown finish that attempt did it: finished by the
   * user, at the time of that attempt. Otherwise (no such attempt, or it was a deferral) it was finished elsewhere.
   */
  async alreadyFinished(user: UserKey, taskIds: number[]): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    for (const taskId of taskIds) await this.deps.tasks.update(user, taskId, (s) => settled(s, finishedBefore(s.unknownOutcome), at));
  }

  /** DigiOffice answered 403/404: the tasks can no longer be finished here; their cards become read-only. */
  async unavailable(user: UserKey, taskIds: number[]): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    for (const taskId of taskIds) await this.deps.tasks.update(user, taskId, (s) => settled(s, { kind: 'unavailable', at }, at));
  }
}

export interface DoneOutcome {
  by: string;
  also: StorageChange[];
  known: ReadonlyMap<number, StoredSnapshot>;
}

function finishedBefore(unknown: UnknownOutcome | undefined): TaskState {
  if (unknown?.attempt.kind !== 'finish') return { kind: 'closed', by: null, at: null };
  const { by, at, attempt, comment } = unknown;
  return { kind: 'finished', by, at, transitionName: attempt.transitionName, comment };
}

function settled(snapshot: TaskSnapshot, state: TaskState, at: string): TaskSnapshot {
  const { unknownOutcome: _settled, ...rest } = snapshot;
  return { ...rest, state, revision: snapshot.revision + 1, updatedAt: at };
}
