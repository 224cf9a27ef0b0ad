import type { CardInputs, ErrorField, InputError, InputErrorCode } from '../core/cardInputs';
import type { Assignees, ChosenTransition, FinishCommand } from '../core/finishCommand';
import { MAX_DIGIOFFICE_ID, MAX_TEXT_LENGTH } from '../core/limits';
import type { StoredTransition } from '../core/task';
import { InvalidWallClockError, isValidWallClockTime, wallClockToInstant } from '../digioffice/dates';

export interface FinishInputs {
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
  now: Date;
}

export type CheckedInputs = { ok: true; command: FinishCommand } | { ok: false; errors: InputError[] };

/** The time a deferral takes when the user picks only a date: the start of a working day. */
export const DEFAULT_DEFER_TIME = '08:00';

const ASSIGNEE = /^(user|group|role)\s*:\s*(\d+)$/i;

/**
 * Checks what the user typed against the transition the bot stored (the error codes are described in
 * core/cardInputs.ts) and collects every problem; or returns the command with texts trimmed and dates as instants.
 * Pure: the time is `input.now`.
 */
export function checkFinishInputs(input: FinishInputs): CheckedInputs {
  const errors: InputError[] = [];
  if (input.taskIds.length === 0) errors.push(error('task', 'required'));
  const transition = input.verb === 'task.finish' ? chosenTransition(input, errors) : null;
  const deferTo = input.verb === 'task.defer' ? deferToDate(input, errors) : null;
  const reason = text(input.inputs, 'reason', input.reasonRequired, errors);
  const comment = text(input.inputs, 'comment', input.commentRequired, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, command: { taskIds: [...input.taskIds], transition, deferTo, reason, comment } };
}

function chosenTransition(input: FinishInputs, errors: InputError[]): ChosenTransition | null {
  const t = input.transition;
  if (!t) {
    errors.push(error('transition', 'transitionMissing'));
    return null;
  }
  const assignees = parseAssignees(t, input.inputs.assignees, errors);
  const deferral = deferUntil(t, input, errors);
  return { stored: t, assignees, deferUntil: deferral.until, deferralNote: deferral.note };
}

type AssigneeKind = keyof Assignees;

/** `user:12, group:3,role:5`: whitespace tolerated, empty items skipped, duplicates dropped, order kept. */
function parseAssignees(t: StoredTransition, raw: string | undefined, errors: InputError[]): Assignees {
  const ids: Assignees = { user: [], group: [], role: [] };
  const items = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const allowed = t.AssignmentAtStartWorkflowIsAdHoc || t.AssignmentIsAdHocRequired;
  if (!allowed) {
    if (items.length > 0) errors.push(error('assignees', 'notAllowed', { transition: t.Name }));
    return ids;
  }
  if (items.length === 0 && t.AssignmentIsAdHocRequired) errors.push(error('assignees', 'required', { transition: t.Name }));
  for (const item of items) {
    const match = ASSIGNEE.exec(item);
    const id = Number(match?.[2]);
    if (!match || id < 1 || id > MAX_DIGIOFFICE_ID) {
      errors.push(error('assignees', 'invalidAssignee', { value: item }));
      continue;
    }
    const list = ids[(match[1] ?? '').toLowerCase() as AssigneeKind];
    if (!list.includes(id)) list.push(id);
  }
  return ids;
}

function deferUntil(t: StoredTransition, input: FinishInputs, errors: InputError[]): { until: Date | null; note: string | null } {
  const date = trimmed(input.inputs.deferUntilDate);
  const time = trimmed(input.inputs.deferUntilTime);
  const note = trimmed(input.inputs.deferralNote);
  if (!t.DeferAtStartWorkflowIsAdHoc) {
    const field = date !== null || time === null ? 'deferUntilDate' : 'deferUntilTime';
    if (date !== null || time !== null) errors.push(error(field, 'notAllowed', { transition: t.Name }));
    if (note !== null) errors.push(error('deferralNote', 'notAllowed', { transition: t.Name }));
    return { until: null, note: null };
  }
  if (date === null && (time !== null || note !== null)) {
    errors.push(error('deferUntilDate', 'dateRequired'));
    if (time !== null && !isValidWallClockTime(time)) errors.push(invalidTime('deferUntilTime', time));
  }
  checkLength(note, 'deferralNote', errors);
  const until = date === null ? null : futureInstant(date, time, 'deferUntilDate', 'deferUntilTime', input, errors);
  return { until, note };
}

function deferToDate(input: FinishInputs, errors: InputError[]): Date | null {
  const date = trimmed(input.inputs.deferToDate);
  if (date === null) {
    errors.push(error('deferToDate', 'required'));
    const time = trimmed(input.inputs.deferToTime);
    if (time !== null && !isValidWallClockTime(time)) errors.push(invalidTime('deferToTime', time));
    return null;
  }
  return futureInstant(date, trimmed(input.inputs.deferToTime), 'deferToDate', 'deferToTime', input, errors);
}

/** The user's wall-clock date/time as an instant, when valid and in the future. */
function futureInstant(
  date: string,
  time: string | null,
  dateField: 'deferUntilDate' | 'deferToDate',
  timeField: 'deferUntilTime' | 'deferToTime',
  input: FinishInputs,
  errors: InputError[],
): Date | null {
  let instant: Date;
  try {
    instant = wallClockToInstant(date, time, input.userZone, DEFAULT_DEFER_TIME);
  } catch (e) {
    if (!(e instanceof InvalidWallClockError)) throw e;
    if (e.parts.includes('date')) errors.push(error(dateField, 'invalidDate', { value: date }));
    if (e.parts.includes('time')) errors.push(invalidTime(timeField, time ?? DEFAULT_DEFER_TIME));
    if (e.parts.includes('zone')) errors.push(error(null, 'invalidTimeZone', { zone: input.userZone }));
    return null;
  }
  if (instant.getTime() <= input.now.getTime()) {
    errors.push(error(dateField, 'inPast'));
    return null;
  }
  return instant;
}

function invalidTime(field: 'deferUntilTime' | 'deferToTime', time: string): InputError {
  return error(field, 'invalidTime', { value: time });
}

function text(inputs: CardInputs, field: 'reason' | 'comment', required: boolean, errors: InputError[]): string | null {
  const value = trimmed(inputs[field]);
  if (value === null && required) errors.push(error(field, 'required'));
  checkLength(value, field, errors);
  return value;
}

function checkLength(value: string | null, field: keyof CardInputs, errors: InputError[]): void {
  if (value !== null && value.length > MAX_TEXT_LENGTH) errors.push(error(field, 'tooLong', { max: String(MAX_TEXT_LENGTH) }));
}

function trimmed(value: string | undefined): string | null {
  const t = value?.trim() ?? '';
  return t === '' ? null : t;
}

function error(field: ErrorField, code: InputErrorCode, params?: Record<string, string>): InputError {
  return params ? { field, code, params } : { field, code };
}
