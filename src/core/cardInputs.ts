/** What the user typed on the card, kept so a failed attempt never loses it. The keys are the card's input ids. */
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

export type InputId = keyof CardInputs;

/** Every card input id, in the order the card shows them. */
export const INPUT_IDS = [
  'comment',
  'reason',
  'assignees',
  'deferUntilDate',
  'deferUntilTime',
  'deferralNote',
  'deferToDate',
  'deferToTime',
] as const satisfies readonly InputId[];

/** What an error is about: one input, the chosen transition, the task ids, or (null) the action as a whole. */
export type ErrorField = InputId | 'transition' | 'task' | null;

/**
 * Why the bot refused an input, stable for localisation (the texts are `inputError.<code>` in src/i18n):
 * - `required`: empty but needed (reason, comment, assignees of a transition that requires them, deferToDate, task);
 * - `transitionMissing`: task.finish without a transition the bot stored for the task;
 * - `transitionNotOffered`: a transition the task does not have (params `id`, `offered`);
 * - `notAllowed`: assignees / a deferral for a transition that does not take them (param `transition`);
 * - `invalidAssignee`: an assignees value other than `user:<id>`, `group:<id>`, `role:<id>` (param `value`);
 * - `dateRequired`: a defer-until time or deferral note without a defer-until date;
 * - `invalidDate`, `invalidTime`: not a real date (2026-02-30) / time (25:00) (param `value`);
 * - `invalidTimeZone`: the user's zone is unknown (field null, param `zone`);
 * - `inPast`: the date/time is not in the future;
 * - `tooLong`: text over MAX_TEXT_LENGTH characters (param `max`);
 * - `rejected`: DigiOffice refused the value without saying why.
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
  | 'tooLong'
  | 'rejected';

/** One of our own checks failed: localised by its code (+ params) wherever it is shown. */
export interface InputError {
  field: ErrorField;
  code: InputErrorCode;
  params?: Record<string, string>;
}

/** A problem someone else worded: DigiOffice's own message (in its configured language), or a malformed card's. */
export interface WordedError {
  field: ErrorField;
  message: string;
}

/** A problem with one input (or the whole action when `field` is null), shown next to it on the card. */
export type FieldError = InputError | WordedError;
