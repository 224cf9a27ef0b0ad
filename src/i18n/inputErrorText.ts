import type { FieldError, InputId } from '../core/cardInputs';
import type { Locale } from '../core/locale';
import { t, type MessageKey } from './index';

/** The label of each card input, also used to name the input in a message that stands apart from the card. */
export const INPUT_LABELS = {
  comment: 'card.comment.label',
  reason: 'card.reason.label',
  assignees: 'card.assignees.label',
  deferUntilDate: 'card.deferUntil.label',
  deferUntilTime: 'card.deferUntilTime.label',
  deferralNote: 'card.deferralNote.label',
  deferToDate: 'card.deferTo.label',
  deferToTime: 'card.deferToTime.label',
} as const satisfies Record<InputId, MessageKey>;

/**
 * The text of an input error in the viewer's language, for next to the input: our own checks by their code. An error
 * only DigiOffice could word (in its own configured language) is introduced by a sentence in the viewer's language.
 */
export function fieldErrorText(locale: Locale, error: FieldError): string {
  if ('message' in error) return t(locale, 'inputError.fromDigiOffice', { message: error.message });
  const p = error.params ?? {};
  switch (error.code) {
    case 'required':
      return p.transition !== undefined
        ? t(locale, 'inputError.requiredAssignees', { transition: p.transition })
        : t(locale, 'inputError.required');
    case 'transitionNotOffered':
      return t(locale, 'inputError.transitionNotOffered', { id: p.id ?? '', offered: p.offered ?? '' });
    case 'notAllowed':
      return t(locale, 'inputError.notAllowed', { transition: p.transition ?? '' });
    case 'invalidAssignee':
      return t(locale, 'inputError.invalidAssignee', { value: p.value ?? '' });
    case 'invalidDate':
      return t(locale, 'inputError.invalidDate', { value: p.value ?? '' });
    case 'invalidTime':
      return t(locale, 'inputError.invalidTime', { value: p.value ?? '' });
    case 'invalidTimeZone':
      return t(locale, 'inputError.invalidTimeZone', { zone: p.zone ?? '' });
    case 'tooLong':
      return t(locale, 'inputError.tooLong', { max: p.max ?? '' });
    case 'transitionMissing':
    case 'dateRequired':
    case 'inPast':
    case 'rejected':
      return t(locale, `inputError.${error.code}`);
  }
}

/** The error as a line that stands on its own (a card banner, a chat reply): prefixed with its input's label. */
export function inputErrorLine(locale: Locale, error: FieldError): string {
  const text = fieldErrorText(locale, error);
  if (error.field === null || error.field === 'task' || error.field === 'transition') return text;
  return t(locale, 'card.fieldError', { field: t(locale, INPUT_LABELS[error.field]), message: text });
}
