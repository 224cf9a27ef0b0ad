import type { CardInputs, FieldError, InputErrorCode, StoredTransition } from '../tasks/model';
import { formatDigiOfficeDate, InvalidWallClockError, isValidWallClockTime, wallClockToInstant } from './dates';
import type { FinishTaskOperation, FinishTransition } from './dto';
import { storedTransition } from '../tasks/snapshots';

export interface FinishMappingInput {
  verb: 'task.finish' | 'task.defer';
  /** From card data, already zod-parsed. */
  taskIds: number[];
  /** The transition the bot stored for this task; required for task.finish, ignored for task.defer. */
  transition: StoredTransition | null;
  /** Raw strings from the card. */
  inputs: CardInputs;
  reasonRequired: boolean;
  commentRequired: boolean;
  /** IANA zone the user's date/time inputs are in. */
  userZone: string;
  /** IANA zone of DigiOffice's zone-less timestamps. */
  digiOfficeZone: string;
  now: Date;
  wsVerbindingId: string | null;
}

/**
 * Why an input was refused, stable for localisation (the card layer picks its text by `field` + `code`):
 * - `required`: empty but needed (reason, comment, assignees of a transition that requires them, deferToDate, task);
 * - `transitionMissing`: task.finish without a transition the bot stored for the task;
 * - `notAllowed`: assignees / a deferral for a transition that does not take them;
 * - `invalidAssignee`: an assignees value other than `user:<id>`, `group:<id>`, `role:<id>`;
 * - `dateRequired`: a defer-until time or deferral note without a defer-until date;
 * - `invalidDate`, `invalidTime`: not a real date (2026-02-30) / time (25:00);
 * - `invalidTimeZone`: the user's zone is unknown (field null);
 * - `inPast`: the date/time is not in the future;
 * - `tooLong`: text over MAX_TEXT_LENGTH characters.
 */
export type FinishInputErrorCode = Exclude<InputErrorCode, 'transitionNotOffered'>;

/** A FieldError with a stable code (assignable to FieldError). */
export interface FinishInputError extends FieldError {
  code: FinishInputErrorCode;
}

export type FinishMappingResult = { ok: true; operation: FinishTaskOperation } | { ok: false; errors: FinishInputError[] };

/** DigiOffice stores texts as nvarchar(4000) [inference]; counted in UTF-16 code units like SQL Server does. */
export const MAX_TEXT_LENGTH = 4000;

const LABEL: Record<keyof CardInputs, string> = {
  comment: 'Comment',
  reason: 'Reason',
  assignees: 'Assignees',
  deferUntilDate: 'Defer until date',
  deferUntilTime: 'Defer until time',
  deferralNote: 'Deferral note',
  deferToDate: 'Defer to date',
  deferToTime: 'Defer to time',
};

/** The time a deferral takes when the user picks only a date: the start of a working day. */
export const DEFAULT_DEFER_TIME = '08:00';

const ASSIGNEE = /^(user|group|role)\s*:\s*(\d+)$/i;
const MAX_INT32 = 2_147_483_647;

/**
 * The card submission as DigiOffice's FinishTaskOperation (DESIGN §5). Pure: validates every input against the stored
 * transition and collects all problems, or returns the operation with every property present (null, never undefined)
 * in the interface's order.
 */
export function mapToFinishTaskOperation(input: FinishMappingInput): FinishMappingResult {
  const errors: FinishInputError[] = [];
  if (input.taskIds.length === 0) errors.push(error('task', 'required', 'Task: at least one task id is required.'));
  const transition = input.verb === 'task.finish' ? finishTransition(input, errors) : null;
  const deferTo = input.verb === 'task.defer' ? deferToDate(input, errors) : null;
  const reason = text(input.inputs, 'reason', input.reasonRequired, errors);
  const comment = text(input.inputs, 'comment', input.commentRequired, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    operation: {
      TaskIDs: [...input.taskIds],
      WSVerbindingID: input.wsVerbindingId?.trim() ? input.wsVerbindingId : null,
      Transitions: transition ? [transition] : null,
      DeferTo: deferTo,
      Reason: reason,
      Comment: comment,
    },
  };
}

function finishTransition(input: FinishMappingInput, errors: FinishInputError[]): FinishTransition | null {
  const t = input.transition;
  if (!t) {
    errors.push(error('transition', 'transitionMissing', 'Transition: choose one of the transitions this task offers.'));
    return null;
  }
  const assignees = parseAssignees(t, input.inputs.assignees, errors);
  const deferral = deferUntil(t, input, errors);
  // The stored transition goes back as DigiOffice sent it (ID, Name, flags); only assignees and deferral are the user's.
  return {
    ...storedTransition(t),
    UserIDs: assignees.user,
    GroupIDs: assignees.group,
    RoleIDs: assignees.role,
    DeferUntil: deferral.until,
    DeferralNote: deferral.note,
  };
}

type AssigneeKind = 'user' | 'group' | 'role';

/** `user:12, group:3,role:5`: whitespace tolerated, empty items skipped, duplicates dropped, order kept. */
function parseAssignees(t: StoredTransition, raw: string | undefined, errors: FinishInputError[]): Record<AssigneeKind, number[]> {
  const ids: Record<AssigneeKind, number[]> = { user: [], group: [], role: [] };
  const items = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const allowed = t.AssignmentAtStartWorkflowIsAdHoc || t.AssignmentIsAdHocRequired;
  if (!allowed) {
    if (items.length > 0)
      errors.push(error('assignees', 'notAllowed', `Assignees: transition "${t.Name}" does not take assignees.`, { transition: t.Name }));
    return ids;
  }
  if (items.length === 0 && t.AssignmentIsAdHocRequired) {
    errors.push(
      error('assignees', 'required', `Assignees: transition "${t.Name}" requires at least one user, group or role.`, {
        transition: t.Name,
      }),
    );
  }
  for (const item of items) {
    const match = ASSIGNEE.exec(item);
    const id = Number(match?.[2]);
    if (!match || id < 1 || id > MAX_INT32) {
      errors.push(
        error(
          'assignees',
          'invalidAssignee',
          `Assignees: "${item}" is not a user, group or role (expected user:<id>, group:<id> or role:<id>).`,
          { value: item },
        ),
      );
      continue;
    }
    const list = ids[(match[1] ?? '').toLowerCase() as AssigneeKind];
    if (!list.includes(id)) list.push(id);
  }
  return ids;
}

function deferUntil(
  t: StoredTransition,
  input: FinishMappingInput,
  errors: FinishInputError[],
): { until: string | null; note: string | null } {
  const date = trimmed(input.inputs.deferUntilDate);
  const time = trimmed(input.inputs.deferUntilTime);
  const note = trimmed(input.inputs.deferralNote);
  if (!t.DeferAtStartWorkflowIsAdHoc) {
    const field = date !== null || time === null ? 'deferUntilDate' : 'deferUntilTime';
    if (date !== null || time !== null)
      errors.push(error(field, 'notAllowed', `${LABEL[field]}: transition "${t.Name}" cannot be deferred.`, { transition: t.Name }));
    if (note !== null)
      errors.push(error('deferralNote', 'notAllowed', `Deferral note: transition "${t.Name}" cannot be deferred.`, { transition: t.Name }));
    return { until: null, note: null };
  }
  if (date === null && (time !== null || note !== null)) {
    const why = time !== null ? 'a defer until time' : 'a deferral note';
    errors.push(error('deferUntilDate', 'dateRequired', `Defer until date is required when ${why} is given.`));
    if (time !== null && !isValidWallClockTime(time)) errors.push(invalidTime('deferUntilTime', time));
  }
  checkLength(note, 'deferralNote', errors);
  const until = date === null ? null : futureDate(date, time, 'deferUntilDate', 'deferUntilTime', input, errors);
  return { until, note };
}

function deferToDate(input: FinishMappingInput, errors: FinishInputError[]): string | null {
  const date = trimmed(input.inputs.deferToDate);
  if (date === null) {
    errors.push(error('deferToDate', 'required', 'Defer to date is required to defer a task.'));
    const time = trimmed(input.inputs.deferToTime);
    if (time !== null && !isValidWallClockTime(time)) errors.push(invalidTime('deferToTime', time));
    return null;
  }
  return futureDate(date, trimmed(input.inputs.deferToTime), 'deferToDate', 'deferToTime', input, errors);
}

/** The user's wall-clock date/time as DigiOffice's zone-less timestamp, when valid and in the future. */
function futureDate(
  date: string,
  time: string | null,
  dateField: 'deferUntilDate' | 'deferToDate',
  timeField: 'deferUntilTime' | 'deferToTime',
  input: FinishMappingInput,
  errors: FinishInputError[],
): string | null {
  let instant: Date;
  try {
    instant = wallClockToInstant(date, time, input.userZone, DEFAULT_DEFER_TIME);
  } catch (e) {
    if (!(e instanceof InvalidWallClockError)) throw e;
    if (e.parts.includes('date'))
      errors.push(
        error(dateField, 'invalidDate', `${LABEL[dateField]}: "${date}" is not a valid date (expected YYYY-MM-DD).`, { value: date }),
      );
    if (e.parts.includes('time')) errors.push(invalidTime(timeField, time ?? DEFAULT_DEFER_TIME));
    if (e.parts.includes('zone'))
      errors.push(
        error(null, 'invalidTimeZone', `Time zone "${input.userZone}" is unknown, so dates cannot be read.`, { zone: input.userZone }),
      );
    return null;
  }
  if (instant.getTime() <= input.now.getTime()) {
    const shown = `${date} ${time ?? DEFAULT_DEFER_TIME} (${input.userZone})`;
    errors.push(error(dateField, 'inPast', `${LABEL[dateField]}: ${shown} is not in the future.`));
    return null;
  }
  return formatDigiOfficeDate(instant, input.digiOfficeZone);
}

function invalidTime(field: 'deferUntilTime' | 'deferToTime', time: string): FinishInputError {
  return error(field, 'invalidTime', `${LABEL[field]}: "${time}" is not a valid time (expected HH:mm).`, { value: time });
}

function text(inputs: CardInputs, field: 'reason' | 'comment', required: boolean, errors: FinishInputError[]): string | null {
  const value = trimmed(inputs[field]);
  if (value === null && required) errors.push(error(field, 'required', `${LABEL[field]} is required for this task.`));
  checkLength(value, field, errors);
  return value;
}

function checkLength(value: string | null, field: keyof CardInputs, errors: FinishInputError[]): void {
  if (value !== null && value.length > MAX_TEXT_LENGTH) {
    errors.push(
      error(field, 'tooLong', `${LABEL[field]} is ${value.length} characters long; at most ${MAX_TEXT_LENGTH} are allowed.`, {
        max: String(MAX_TEXT_LENGTH),
      }),
    );
  }
}

function trimmed(value: string | undefined): string | null {
  const t = value?.trim() ?? '';
  return t === '' ? null : t;
}

function error(field: FieldError['field'], code: FinishInputErrorCode, message: string, params?: Record<string, string>): FinishInputError {
  return params ? { field, code, message, params } : { field, code, message };
}
