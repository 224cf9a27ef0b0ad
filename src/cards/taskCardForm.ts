import type { CardInputs, FieldError, InputId } from '../core/cardInputs';
import type { Locale } from '../core/locale';
import type { StoredTransition, TaskSnapshot } from '../core/task';
import { t } from '../i18n';
import { fieldErrorText, inputErrorLine } from '../i18n/inputErrorText';
import { assigneeDataset } from './assigneeDataset';

/** Teams shows at most 6 buttons in one action row and drops the rest; transitions wrap onto rows of this size. */
export const TRANSITIONS_PER_ROW = 5;

/** What the template binds per input (its label, placeholder and required message are fixed per language). */
export interface FieldView {
  value: string;
  /** The error is shown under the input: there is one and the input is on the card. */
  showError: boolean;
  error: string;
  required: boolean;
}

const ASSIGNEE_VALUE = /^(user|group|role):(\d+)$/;
const ASSIGNEE_TITLE = { user: 'card.assignee.user', group: 'card.assignee.group', role: 'card.assignee.role' } as const;

const needsAssignees = (tr: StoredTransition) => tr.AssignmentAtStartWorkflowIsAdHoc || tr.AssignmentIsAdHocRequired;

/** Which optional parts of the open form the task's transitions call for (see cards/task.json). */
export function formFlags(snapshot: TaskSnapshot): { assignees: boolean; deferUntil: boolean } {
  return {
    assignees: snapshot.transitions.some(needsAssignees),
    deferUntil: snapshot.transitions.some((tr) => tr.DeferAtStartWorkflowIsAdHoc),
  };
}

/** The inputs shown in the card body; an error for any other input is shown in the banner. */
export function bodyInputs(open: boolean, flags: { assignees: boolean; deferUntil: boolean }): Set<InputId> {
  if (!open) return new Set();
  const ids: InputId[] = ['comment', 'reason'];
  if (flags.assignees) ids.push('assignees');
  if (flags.deferUntil) ids.push('deferUntilDate', 'deferUntilTime', 'deferralNote');
  return new Set(ids);
}

/** The inputs of the "Defer" sub-card, which an open card always has. */
const DEFER_CARD_INPUTS: ReadonlySet<InputId> = new Set(['deferToDate', 'deferToTime']);

/**
 * Each input's kept value, required flag and error text, for every input the template may show; an error is shown
 * under its input when the input is in the body (`inBody`) or in the "Defer" sub-card.
 */
export function fieldViews(
  snapshot: TaskSnapshot,
  locale: Locale,
  inputs: CardInputs,
  errors: FieldError[],
  inBody: Set<InputId>,
): Record<InputId, FieldView> {
  const field = (id: InputId, required = false): FieldView => {
    const error = errors.length === 0 ? '' : errorText(id, errors, locale);
    return { value: inputs[id] ?? '', showError: error !== '' && (inBody.has(id) || DEFER_CARD_INPUTS.has(id)), error, required };
  };
  return {
    comment: field('comment', snapshot.commentRequired),
    reason: field('reason', snapshot.reasonRequired),
    assignees: field('assignees'),
    deferUntilDate: field('deferUntilDate'),
    deferUntilTime: field('deferUntilTime'),
    deferralNote: field('deferralNote'),
    deferToDate: field('deferToDate', true),
    deferToTime: field('deferToTime'),
  };
}

function errorText(id: InputId, errors: FieldError[], locale: Locale): string {
  return errors
    .filter((e) => e.field === id)
    .map((e) => fieldErrorText(locale, e))
    .join(' ');
}

/** Errors that have no input in the card body, for the banner; an input's error is prefixed with its label. */
export function bannerErrors(errors: FieldError[], inBody: Set<InputId>, locale: Locale): string[] {
  return errors
    .filter((e) => e.field === null || e.field === 'task' || e.field === 'transition' || !inBody.has(e.field))
    .map((e) => inputErrorLine(locale, e));
}

/**
 * The assignee picker's extras: the static choices that let already chosen values (`user:12,group:3`) still display
 * when the card is shown again (their names are only known to the typeahead), and which transitions require it.
 */
export function assigneePicker(snapshot: TaskSnapshot, locale: Locale, kept: string | undefined) {
  const choices = (kept ?? '')
    .split(',')
    .map((v) => v.trim())
    .flatMap((value) => {
      const m = ASSIGNEE_VALUE.exec(value);
      return m ? [{ title: t(locale, ASSIGNEE_TITLE[m[1] as keyof typeof ASSIGNEE_TITLE], { id: m[2] ?? '' }), value }] : [];
    });
  const requiredBy = snapshot.transitions.filter((tr) => tr.AssignmentIsAdHocRequired).map((tr) => tr.Name);
  return {
    choices,
    dataset: assigneeDataset(snapshot.task.ID),
    hint: requiredBy.length > 0 ? t(locale, 'card.assignees.requiredFor', { transitions: requiredBy.join(', ') }) : '',
  };
}

/** How many steps the heading over the deferral inputs names before it counts the rest. */
const DEFERRING_STEPS_NAMED = 3;

/**
 * The heading over the next step's start date and note, naming the steps that use them (only transitions that take a
 * deferral do), so nobody fills them in for a step that ignores them. When every step uses them it is not needed.
 */
export function deferUntilPart(snapshot: TaskSnapshot, locale: Locale): { heading: string } {
  const steps = snapshot.transitions.filter((tr) => tr.DeferAtStartWorkflowIsAdHoc).map((tr) => `"${tr.Name}"`);
  if (steps.length === 0 || steps.length === snapshot.transitions.length) return { heading: '' };
  const named = steps.slice(0, DEFERRING_STEPS_NAMED).join(', ');
  const more = steps.length - DEFERRING_STEPS_NAMED;
  return {
    heading:
      more > 0
        ? t(locale, 'card.deferUntil.forMore', { transitions: named, more })
        : t(locale, 'card.deferUntil.for', { count: steps.length, transitions: named }),
  };
}

/**
 * The finish buttons: the IsNext transition first (positive), the others in stored order, in rows Teams can show. Each
 * button is made here whole (cards/task.json binds a row's `actions` at once): the template engine spends about 7 µs
 * per button bound field by field, which was half of rendering a card with 20 transitions.
 */
export function transitionRows(snapshot: TaskSnapshot) {
  const { transitions } = snapshot;
  const taskIds = [snapshot.task.ID];
  const ordered = [...transitions.filter((tr) => tr.IsNext), ...transitions.filter((tr) => !tr.IsNext)];
  const actions = ordered.map((tr) => ({
    type: 'Action.Execute',
    verb: 'task.finish',
    title: tr.Name,
    style: tr.IsNext ? 'positive' : 'default',
    data: { taskIds, transitionId: tr.ID, rev: snapshot.revision },
  }));
  const rows: Array<{ actions: typeof actions }> = [];
  for (let i = 0; i < actions.length; i += TRANSITIONS_PER_ROW) rows.push({ actions: actions.slice(i, i + TRANSITIONS_PER_ROW) });
  return rows;
}
