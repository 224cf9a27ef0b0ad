import type { ErrorField, FieldError, InputErrorCode } from '../core/cardInputs';
import { SignInRequiredError } from '../core/session';
import type { ResponseError } from '../digioffice/dto';
import { DigiOfficeHttpError } from '../digioffice/errors';
import { isAlreadyFinished, mayHaveBeenReceived } from '../digioffice/finishAnswers';

export type FinishFailure =
  | { kind: 'needsSignIn'; logDetail: string }
  | { kind: 'invalid'; errors: FieldError[]; logDetail: string }
  | { kind: 'unavailable'; logDetail: string }
  /** DigiOffice says the task is already finished: by an earlier attempt whose outcome was unknown, or elsewhere. */
  | { kind: 'alreadyFinished'; logDetail: string }
  /** DigiOffice may have applied the operation (no answer in time, connection lost after sending, 504). */
  | { kind: 'unknown'; logDetail: string }
  | { kind: 'failed'; logDetail: string };

/**
 * What a failed FinishTaskOperation means for the user: "already finished" (`isAlreadyFinished`) is the task's
 * state, not an input error; 400 is DigiOffice refusing inputs (its field errors go next to the inputs), 403/404 a
 * task that can no longer be finished here, 401 after the session's refresh a lost sign-in; a POST that DigiOffice may
 * have received without answering is `unknown`; anything else (5xx, refused connection) leaves nothing changed.
 * `fromFinishCall` is false for a failure of the session around it (refreshing the token): then nothing was posted.
 */
export function classifyFinishFailure(err: unknown, fromFinishCall = true): FinishFailure {
  if (err instanceof SignInRequiredError) return { kind: 'needsSignIn', logDetail: err.message };
  const logDetail = err instanceof Error ? err.message : String(err);
  if (!fromFinishCall) return { kind: 'failed', logDetail };
  if (isAlreadyFinished(err)) return { kind: 'alreadyFinished', logDetail };
  if (mayHaveBeenReceived(err)) return { kind: 'unknown', logDetail };
  if (err instanceof DigiOfficeHttpError) {
    if (err.status === 400) {
      const errors = (err.responseStatus?.Errors ?? []).map(toFieldError);
      const whole = fieldError(null, err.responseStatus?.Message ?? err.responseStatus?.ErrorCode);
      return { kind: 'invalid', errors: errors.length > 0 ? errors : [whole], logDetail: err.message };
    }
    if (err.status === 403 || err.status === 404) return { kind: 'unavailable', logDetail: err.message };
    // A 401 that survived the session's refresh means the account link is gone.
    if (err.status === 401) return { kind: 'needsSignIn', logDetail: err.message };
  }
  return { kind: 'failed', logDetail };
}

/** DigiOffice names fields by their FinishTaskOperation path; the card names them by input id. */
const FIELD_BY_DIGIOFFICE_NAME: Array<[RegExp, ErrorField]> = [
  [/^reason$/i, 'reason'],
  [/^comment$/i, 'comment'],
  [/^deferto$/i, 'deferToDate'],
  [/^transitions(\[\d+\])?\.(userids|groupids|roleids)$/i, 'assignees'],
  [/^transitions(\[\d+\])?\.deferuntil$/i, 'deferUntilDate'],
  [/^transitions(\[\d+\])?\.deferralnote$/i, 'deferralNote'],
  [/^transitions/i, 'transition'],
  [/^taskids/i, 'task'],
];

/**
 * DigiOffice's validation codes (ServiceStack's FluentValidation) that mean one of our own checks, so the user reads
 * them in their language; any other error keeps DigiOffice's words.
 */
const CODE_BY_DIGIOFFICE_CODE: Array<[RegExp, InputErrorCode, (field: ErrorField) => boolean]> = [
  [/^(NotEmpty|NotNull)$/i, 'required', (field) => field !== null && field !== 'task' && field !== 'transition'],
  [/^GreaterThan(OrEqual)?$/i, 'inPast', (field) => field === 'deferToDate' || field === 'deferUntilDate'],
];

function toFieldError(e: ResponseError): FieldError {
  const name = e.FieldName ?? '';
  const field = FIELD_BY_DIGIOFFICE_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? null;
  const code = CODE_BY_DIGIOFFICE_CODE.find(([pattern, , applies]) => pattern.test(e.ErrorCode ?? '') && applies(field))?.[1];
  return code ? { field, code } : fieldError(field, e.Message ?? e.ErrorCode);
}

/** DigiOffice's own words when it gave any (in its configured language); else our localised "not accepted". */
function fieldError(field: ErrorField, message: string | null | undefined): FieldError {
  return message ? { field, message } : { field, code: 'rejected' };
}
