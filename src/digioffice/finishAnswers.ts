import type { ResponseError } from './dto';
import { DigiOfficeHttpError, DigiOfficeNetworkError, DigiOfficeTimeoutError } from './errors';

/** Statuses that may carry "already finished": validation (400), a conflict (409), an unmapped exception (500). */
const ALREADY_FINISHED_STATUSES = new Set([400, 409, 500]);
const ALREADY_FINISHED_WORDS = [
  /\balready\b.*\b(finished|completed|closed|done)\b/i,
  /\b(al|reeds)\b.*\b(afgerond|afgehandeld|gesloten|voltooid)\b/i,
];

/**
 * [inference] DigiOffice refuses to finish (or defer) a task that is already finished — how it says so is not
 * documented. Taken as "already finished": a 400, 409 or 500 whose ResponseStatus, at the top or in one of its
 * `Errors`, either names the `TaskIDs` field with ErrorCode `InvalidOperationException` (.NET's exception for an
 * operation the object's current state does not allow) or says "already finished/completed/closed" (or the Dutch
 * "al afgerond/afgehandeld"). 403 and 404 are not taken as this (see `classifyFinishFailure`).
 * docs/digioffice-contract.md lists it; should DigiOffice say it otherwise, this function is what changes.
 */
export function isAlreadyFinished(error: unknown): boolean {
  if (!(error instanceof DigiOfficeHttpError) || !ALREADY_FINISHED_STATUSES.has(error.status)) return false;
  const status = error.responseStatus;
  if (!status) return false;
  const entries: ResponseError[] = [{ ErrorCode: status.ErrorCode, Message: status.Message }, ...(status.Errors ?? [])];
  return entries.some(saysAlreadyFinished);
}

function saysAlreadyFinished(entry: ResponseError): boolean {
  const stateError = entry.ErrorCode === 'InvalidOperationException' && /^taskids(\[\d+\])?$/i.test(entry.FieldName ?? '');
  const message = entry.Message ?? '';
  return stateError || ALREADY_FINISHED_WORDS.some((words) => words.test(message));
}

/**
 * Connection failures that happen before a request is sent (no connection, no name, no TLS): the request never
 * reached DigiOffice. Any other network failure (reset, closed mid-answer) may come after DigiOffice received it.
 */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Whether DigiOffice may have received (and applied) a request that failed with `error`: it did not answer in time,
 * the connection broke after it was sent, or a gateway in front of it gave up waiting (504). A refused connection or
 * any HTTP answer but 504 means it did not.
 */
export function mayHaveBeenReceived(error: unknown): boolean {
  if (error instanceof DigiOfficeTimeoutError) return true;
  if (error instanceof DigiOfficeHttpError) return error.status === 504;
  if (error instanceof DigiOfficeNetworkError) return !errorCodes(error.cause).some((code) => NEVER_SENT_CODES.has(code));
  return false;
}

/** The `code`s along an error's cause chain (fetch keeps the socket's reason in `cause`; a happy-eyeballs failure in `errors`). */
function errorCodes(value: unknown, depth = 0): string[] {
  if (typeof value !== 'object' || value === null || depth > 4) return [];
  const record = value as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === 'string' ? [record.code] : [];
  const nested = Array.isArray(record.errors) ? record.errors.flatMap((e) => errorCodes(e, depth + 1)) : [];
  return [...own, ...errorCodes(record.cause, depth + 1), ...nested];
}
