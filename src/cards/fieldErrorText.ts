import { t } from '../i18n';
import type { FieldError, Locale } from '../tasks/model';

/**
 * The text of an input error in the viewer's language: our own checks by their code, DigiOffice's errors as
 * DigiOffice worded them (it answers in its own configured language).
 */
export function fieldErrorText(locale: Locale, error: FieldError): string {
  const p = error.params ?? {};
  switch (error.code) {
    case undefined:
      return error.message;
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
      return t(locale, `inputError.${error.code}`);
  }
}
