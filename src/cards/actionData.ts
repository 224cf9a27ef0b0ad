import { z } from 'zod';
import { INPUT_IDS, type CardInputs, type ErrorField, type WordedError } from '../core/cardInputs';
import { GUID_PATTERN, normaliseGuid } from '../core/guid';
import { MAX_TEXT_LENGTH } from '../core/limits';

/**
 * The `data` of an `Action.Execute` invoke: Teams merges the action's own `data` with the values of the card's
 * inputs (keyed by input id). Only ids and the user's typed text come from here; everything else about a task is
 * looked up server-side. Unknown fields are dropped.
 */

const MAX_TASKS = 100;

// Some clients send numbers in action data back as strings.
const NOT_A_TASK_ID = 'expected a positive task number';
const taskId = z.union(
  [
    z.number().int(NOT_A_TASK_ID).positive(NOT_A_TASK_ID),
    z
      .string()
      .regex(/^[1-9]\d{0,14}$/, NOT_A_TASK_ID)
      .transform(Number),
  ],
  NOT_A_TASK_ID,
);
const taskIds = z
  .array(taskId, 'expected a list of task numbers')
  .min(1, 'no task ids')
  .max(MAX_TASKS, `at most ${MAX_TASKS} tasks at once`);
// The task revision the card was drawn from (cards/task.json); cards drawn before it existed send none.
const NOT_A_REVISION = 'expected a revision number';
const revision = z
  .union(
    [
      z.number().int(NOT_A_REVISION).nonnegative(NOT_A_REVISION),
      z
        .string()
        .regex(/^\d{1,15}$/, NOT_A_REVISION)
        .transform(Number),
    ],
    NOT_A_REVISION,
  )
  .optional();
const guid = z.string('expected a GUID').regex(GUID_PATTERN, 'expected a GUID').transform(normaliseGuid);

// Teams sends an untouched input as "" — so every optional input accepts the empty string.
const text = z.string().max(MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`).optional();
const date = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'expected a date (YYYY-MM-DD)')
  .optional();
const time = z
  .string()
  .regex(/^(\d{2}:\d{2}(:\d{2})?)?$/, 'expected a time (HH:mm)')
  .optional();
const assignees = z
  .string()
  .regex(/^((user|group|role):\d+(\s*,\s*(user|group|role):\d+)*)?$/, 'expected values like user:12,group:3')
  .optional();

const FinishData = z.object({
  taskIds,
  rev: revision,
  transitionId: guid,
  comment: text,
  reason: text,
  assignees,
  deferUntilDate: date,
  deferUntilTime: time,
  deferralNote: text,
  deferToDate: date,
  deferToTime: time,
});

const DeferData = z.object({
  taskIds,
  rev: revision,
  deferToDate: z.string('choose a date (YYYY-MM-DD)').regex(/^\d{4}-\d{2}-\d{2}$/, 'choose a date (YYYY-MM-DD)'),
  deferToTime: time,
  reason: text,
  comment: text,
});

const ShowData = z.object({ taskIds });

/** `cardRevision`: the revision of the task the clicked card shows, when the card says (absent on older cards). */
export type ParsedAction =
  | { verb: 'task.finish'; taskIds: number[]; cardRevision?: number; transitionId: string; inputs: CardInputs }
  | { verb: 'task.defer'; taskIds: number[]; cardRevision?: number; inputs: CardInputs }
  | { verb: 'task.show'; taskIds: number[] }
  | { verb: 'task.refresh'; taskIds: number[] };

export type ActionParseResult =
  { ok: true; action: ParsedAction } | { ok: false; errors: WordedError[] } | { ok: false; unknownVerb: true };

/** Validates the data of a card action by its verb; zod's issues become errors naming the card field. */
export function parseActionData(verb: string, data: unknown): ActionParseResult {
  switch (verb) {
    case 'task.finish': {
      const parsed = FinishData.safeParse(data);
      if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error) };
      const { taskIds: ids, rev, transitionId, ...rest } = parsed.data;
      return { ok: true, action: { verb, taskIds: ids, ...revisionOf(rev), transitionId, inputs: inputsOf(rest) } };
    }
    case 'task.defer': {
      const parsed = DeferData.safeParse(data);
      if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error) };
      const { taskIds: ids, rev, ...rest } = parsed.data;
      return { ok: true, action: { verb, taskIds: ids, ...revisionOf(rev), inputs: inputsOf(rest) } };
    }
    case 'task.show':
    case 'task.refresh': {
      const parsed = ShowData.safeParse(data);
      if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error) };
      return { ok: true, action: { verb, taskIds: parsed.data.taskIds } };
    }
    default:
      return { ok: false, unknownVerb: true };
  }
}

function revisionOf(rev: number | undefined): { cardRevision?: number } {
  return rev === undefined ? {} : { cardRevision: rev };
}

function inputsOf(values: Partial<Record<keyof CardInputs, string | undefined>>): CardInputs {
  const inputs: CardInputs = {};
  for (const id of INPUT_IDS) {
    const value = values[id];
    if (value !== undefined) inputs[id] = value;
  }
  return inputs;
}

/** One error per field (the first zod found), named as the card names it. */
function toFieldErrors(error: z.ZodError): WordedError[] {
  const errors: WordedError[] = [];
  for (const issue of error.issues) {
    const field = fieldOf(issue.path[0]);
    if (errors.some((e) => e.field === field)) continue;
    errors.push({ field, message: issue.message });
  }
  return errors;
}

function fieldOf(key: PropertyKey | undefined): ErrorField {
  if (key === 'taskIds') return 'task';
  if (key === 'transitionId') return 'transition';
  return (INPUT_IDS as readonly PropertyKey[]).includes(key ?? '') ? (key as keyof CardInputs) : null;
}
