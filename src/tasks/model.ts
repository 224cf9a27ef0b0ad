import type { WorkflowTransitionDTO } from '../digioffice/dto';

/** The languages the product speaks. */
export type Locale = 'en' | 'nl';

/** Who a stored thing belongs to: a Teams user, by tenant and Entra (AAD) object id. */
export interface UserKey {
  tenantId: string;
  aadObjectId: string;
}

/**
 * A conversation reference as the bot stored it (structurally a botbuilder `Partial<ConversationReference>`, kept as
 * plain JSON so nothing outside `bot/` depends on botbuilder).
 */
export interface ConversationRef {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; tenantId?: string; conversationType?: string; isGroup?: boolean };
  user: { id: string; name?: string; aadObjectId?: string };
  bot: { id: string; name?: string };
  locale?: string;
}

/** A user's 1:1 installation of the bot (DESIGN §7), keyed by tenant + AAD object id. */
export interface Installation extends UserKey {
  userPrincipalName: string | null;
  email: string | null;
  name: string | null;
  locale: Locale;
  /** IANA zone from the user's last activity (`localTimezone`), if Teams sent one. */
  timezone: string | null;
  reference: ConversationRef;
  installedAt: string;
}

/** The transition as stored from the notification: only ID, Name and flags; assignees/deferral come from the card. */
export type StoredTransition = Pick<
  WorkflowTransitionDTO,
  'ID' | 'Name' | 'AssignmentAtStartWorkflowIsAdHoc' | 'AssignmentIsAdHocRequired' | 'DeferAtStartWorkflowIsAdHoc' | 'IsNext'
>;

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
  | { kind: 'finished'; by: string; at: string; transitionName: string }
  /** Deferred through this bot until `until` (ISO instant). */
  | { kind: 'deferred'; by: string; at: string; until: string }
  /** Finished elsewhere (a `task.closed` notification). */
  | { kind: 'closed'; by: string | null; at: string | null }
  /** DigiOffice answered 403/404: the task can no longer be finished here. */
  | { kind: 'unavailable'; at: string };

/** What the bot knows of one task sent to one user. Keyed by recipient + task id. */
export interface TaskSnapshot {
  recipient: UserKey;
  task: StoredTaskInfo;
  transitions: StoredTransition[];
  commentRequired: boolean;
  reasonRequired: boolean;
  state: TaskState;
  /** Activity ids of the cards showing this task in the recipient's 1:1 chat (oldest first, a few at most). */
  cardActivityIds: string[];
  /** Incremented on every change of task data (task.updated). */
  revision: number;
  updatedAt: string;
}

/** What the user typed on the card, kept so a failed attempt never loses it. */
export interface CardInputs {
  comment?: string;
  reason?: string;
  assignees?: string;
  deferUntilDate?: string;
  deferUntilTime?: string;
  deferralNote?: string;
  deferToDate?: string;
  deferToTime?: string;
}

/**
 * Why the bot refused an input, stable for localisation (see `finishOperation.ts` for when each applies);
 * `transitionNotOffered` is a transition the task does not have.
 */
export type InputErrorCode =
  | 'required'
  | 'transitionMissing'
  | 'transitionNotOffered'
  | 'notAllowed'
  | 'invalidAssignee'
  | 'dateRequired'
  | 'invalidDate'
  | 'invalidTime'
  | 'invalidTimeZone'
  | 'inPast'
  | 'tooLong';

/**
 * A problem with one input (or the whole action when `field` is null), shown next to it on the card.
 * Our own checks carry a `code` (+ `params`) that the card localises; DigiOffice's errors carry only its `message`.
 */
export interface FieldError {
  field: keyof CardInputs | 'transition' | 'task' | null;
  message: string;
  code?: InputErrorCode;
  params?: Record<string, string>;
}
