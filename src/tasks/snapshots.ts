import { storedTransition, type StoredTaskInfo, type TaskSnapshot } from '../core/task';
import { userKeyOf, type UserKey } from '../core/userKey';
import type { WorkflowTaskDTO, WorkflowTransitionDTO } from '../digioffice/dto';

export interface TaskFacts {
  task: WorkflowTaskDTO;
  transitions: WorkflowTransitionDTO[];
  comment?: { Required: boolean } | undefined;
  reason?: { Required: boolean } | undefined;
}

/** The fields the bot keeps of a task, from DigiOffice's DTO. */
export function storedTaskInfo(task: WorkflowTaskDTO): StoredTaskInfo {
  return {
    ID: task.ID,
    Name: task.Name,
    WorkflowDescription: task.WorkflowDescription ?? null,
    StatusDescription: task.StatusDescription ?? null,
    ExpirationDate: task.ExpirationDate ?? null,
    Urgent: task.Urgent ?? false,
    RelativeDetailLink: task.RelativeDetailLink ?? null,
  };
}

export function newSnapshot(recipient: UserKey, facts: TaskFacts, now: Date): TaskSnapshot {
  return {
    recipient: userKeyOf(recipient),
    task: storedTaskInfo(facts.task),
    transitions: facts.transitions.map(storedTransition),
    commentRequired: facts.comment?.Required ?? false,
    reasonRequired: facts.reason?.Required ?? false,
    state: { kind: 'open' },
    cardActivityIds: [],
    revision: 1,
    updatedAt: now.toISOString(),
  };
}

/** The snapshot with new task data (a `task.updated`), keeping its cards and state. */
export function withNewFacts(current: TaskSnapshot, facts: TaskFacts, now: Date): TaskSnapshot {
  return {
    ...current,
    task: storedTaskInfo(facts.task),
    transitions: facts.transitions.length > 0 ? facts.transitions.map(storedTransition) : current.transitions,
    commentRequired: facts.comment?.Required ?? current.commentRequired,
    reasonRequired: facts.reason?.Required ?? current.reasonRequired,
    revision: current.revision + 1,
    updatedAt: now.toISOString(),
  };
}
