import type { StoredTransition } from './task';

/** The users, groups and roles a transition is handed to (DigiOffice ids). */
export interface Assignees {
  user: number[];
  group: number[];
  role: number[];
}

/** The chosen transition with what the user added to it. */
export interface ChosenTransition {
  stored: StoredTransition;
  assignees: Assignees;
  /** When the next step starts (an instant), when the transition takes a deferral and the user gave one. */
  deferUntil: Date | null;
  deferralNote: string | null;
}

/**
 * A finish or deferral of tasks, checked against what the bot stored (tasks/finishInputs.ts): every text trimmed
 * (null when empty), every date an instant in the future. `digioffice/` turns it into DigiOffice's request.
 */
export interface FinishCommand {
  taskIds: number[];
  /** task.finish: the chosen transition; null for task.defer. */
  transition: ChosenTransition | null;
  /** task.defer: until when; null for task.finish. */
  deferTo: Date | null;
  reason: string | null;
  comment: string | null;
}
