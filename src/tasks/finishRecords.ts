import type { Clock } from '../core/clock';
import type { ActAsUser } from '../core/session';
import type { TaskState } from '../core/task';
import type { UserKey } from '../core/userKey';
import type { PlannedOperation } from './finishPlan';
import type { TaskStore } from './taskStore';

/**
 * Records what became of a finish in the task snapshots: the state every card of the task shows, and what answers
 * every later click on it (no second POST).
 */
export class FinishRecords {
  constructor(private readonly deps: { tasks: TaskStore; session: Pick<ActAsUser, 'displayName'>; clock: Clock }) {}

  /** DigiOffice took the operation: its tasks are finished (or deferred) by the user, now. */
  async done(user: UserKey, planned: PlannedOperation): Promise<void> {
    const by = (await this.deps.session.displayName(user)) ?? '';
    const at = this.deps.clock.now().toISOString();
    const { deferTo, taskIds, comment } = planned.command;
    const state: TaskState =
      deferTo !== null
        ? { kind: 'deferred', by, at, until: deferTo.toISOString(), comment }
        : { kind: 'finished', by, at, transitionName: planned.transitionName ?? '', comment };
    for (const taskId of taskIds) await this.deps.tasks.update(user, taskId, (s) => ({ ...s, state, updatedAt: at }));
  }

  /** DigiOffice answered 403/404: the tasks can no longer be finished here; their cards become read-only. */
  async unavailable(user: UserKey, taskIds: number[]): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    for (const taskId of taskIds) {
      await this.deps.tasks.update(user, taskId, (s) => ({ ...s, state: { kind: 'unavailable', at }, updatedAt: at }));
    }
  }
}
