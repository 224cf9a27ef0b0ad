import type { CardInputs } from './cardInputs';
import type { UserKey } from './userKey';

/**
 * A workflow transition as the bot keeps it from the notification: only its id, name and flags. Assignees and
 * deferral always come from the user's card.
 */
export interface StoredTransition {
  /** A GUID, normalised (guid.ts). */
  ID: string;
  Name: string;
  AssignmentAtStartWorkflowIsAdHoc: boolean;
  AssignmentIsAdHocRequired: boolean;
  DeferAtStartWorkflowIsAdHoc: boolean;
  IsNext: boolean;
}

/** Only the id, name and flags of a transition are kept, whatever else the object carries. */
export function storedTransition(t: StoredTransition): StoredTransition {
  const { ID, Name, AssignmentAtStartWorkflowIsAdHoc, AssignmentIsAdHocRequired, DeferAtStartWorkflowIsAdHoc, IsNext } = t;
  return { ID, Name, AssignmentAtStartWorkflowIsAdHoc, AssignmentIsAdHocRequired, DeferAtStartWorkflowIsAdHoc, IsNext };
}

/** The task fields the card shows, as DigiOffice sent them (dates still in DigiOffice's zone-less format). */
export interface StoredTaskInfo {
  ID: number;
  Name: string;
  WorkflowDescription: string | null;
  StatusDescription: string | null;
  ExpirationDate: string | null;
  Urgent: boolean;
  RelativeDetailLink: string | null;
}

export type TaskState =
  | { kind: 'open' }
  /** Finished through this bot. `at` is an ISO instant. */
  | { kind: 'finished'; by: string; at: string; transitionName: string; comment?: string | null }
  /** Deferred through this bot until `until` (ISO instant). Still open in DigiOffice: it can be finished later. */
  | { kind: 'deferred'; by: string; at: string; until: string; comment?: string | null }
  /** Finished elsewhere (a `task.closed` notification). */
  | { kind: 'closed'; by: string | null; at: string | null }
  /** DigiOffice answered 403/404: the task can no longer be finished here. */
  | { kind: 'unavailable'; at: string };

/** Whether the user can still act on the task (finish or defer it): open, or deferred (DigiOffice keeps it open). */
export function isActionable(state: TaskState): boolean {
  return state.kind === 'open' || state.kind === 'deferred';
}

/**
 * A finish or deferral whose outcome is not known: DigiOffice took the request but did not answer in time (or the
 * connection dropped after it was sent), so it may have applied it. Kept until a later attempt settles it; it counts
 * only while the task is actionable.
 */
export interface UnknownOutcome {
  /** Who tried and when (ISO instant) the first attempt whose outcome is unknown was sent. */
  by: string;
  at: string;
  /** What was tried: a transition (by id and name) or a deferral until an ISO instant. */
  attempt: { kind: 'finish'; transitionId: string; transitionName: string } | { kind: 'defer'; until: string };
  comment: string | null;
  /** What the user typed, put back on every card of the task for a retry. */
  inputs: CardInputs;
}

/** What the bot knows of one task sent to one user. Keyed by recipient + task id (storageKeys.ts). */
export interface TaskSnapshot {
  recipient: UserKey;
  task: StoredTaskInfo;
  transitions: StoredTransition[];
  commentRequired: boolean;
  reasonRequired: boolean;
  state: TaskState;
  /** Activity ids of the cards showing this task in the recipient's 1:1 chat (oldest first, a few at most). */
  cardActivityIds: string[];
  /**
   * Incremented on every change of task data (task.updated) or of its state (finished, deferred, closed, …); a card
   * carries the revision it was drawn from, so a click on a card drawn before a change is recognised.
   */
  revision: number;
  /** ISO instant of the last change; for a task that is no longer open, when it stopped being open or changed since. */
  updatedAt: string;
  /** Set while a finish or deferral of this task has an unknown outcome. */
  unknownOutcome?: UnknownOutcome;
}
