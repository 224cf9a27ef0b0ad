import type { ResponseStatus } from './dto';

/**
 * Why a DigiOffice call failed. Messages name the method, the URL path and what DigiOffice said; they never contain
 * a token, a password or the query string (which can carry a user's search text).
 *
 * - DigiOfficeError: base of the transport/HTTP failures below.
 *   - DigiOfficeHttpError: DigiOffice answered with a non-2xx status.
 *   - DigiOfficeNetworkError: no answer at all (refused, reset, DNS).
 *   - DigiOfficeTimeoutError: no complete answer within the client's timeout.
 * - DigiOfficeResponseError (outside the hierarchy, like ky's SchemaValidationError): a 2xx whose body is not what
 *   the contract says — a contract mismatch to fix, not an outage to retry.
 */
export class DigiOfficeError extends Error {
  constructor(
    message: string,
    readonly method: string,
    /** The full request URL (without credentials; may hold a query string). */
    readonly url: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DigiOfficeError';
  }
}

export class DigiOfficeHttpError extends DigiOfficeError {
  constructor(
    method: string,
    url: string,
    readonly status: number,
    /** DigiOffice's ServiceStack error body, when the response carried one. */
    readonly responseStatus: ResponseStatus | null,
  ) {
    super(`DigiOffice ${method} ${pathOf(url)} answered ${status}${describe(responseStatus)}`, method, url);
    this.name = 'DigiOfficeHttpError';
  }
}

export class DigiOfficeNetworkError extends DigiOfficeError {
  declare readonly cause: unknown;

  constructor(method: string, url: string, cause: unknown) {
    super(`DigiOffice ${method} ${pathOf(url)} failed: ${causeText(cause)}`, method, url, { cause });
    this.name = 'DigiOfficeNetworkError';
  }
}

export class DigiOfficeTimeoutError extends DigiOfficeError {
  constructor(
    method: string,
    url: string,
    readonly timeoutMs: number,
  ) {
    super(`DigiOffice ${method} ${pathOf(url)} did not answer within ${timeoutMs} ms`, method, url);
    this.name = 'DigiOfficeTimeoutError';
  }
}

/** A 2xx response whose body failed the DTO schema (or was not JSON). */
export class DigiOfficeResponseError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    /** What was wrong, e.g. `BearerToken: Invalid input: expected string, received undefined`. Never body values. */
    readonly problems: string[],
  ) {
    super(`DigiOffice ${method} ${pathOf(url)} answered ${status} with an unexpected body: ${problems.join('; ')}`);
    this.name = 'DigiOfficeResponseError';
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

function describe(status: ResponseStatus | null): string {
  const code = status?.ErrorCode?.trim() ?? '';
  const message = status?.Message?.trim() ?? '';
  if (!code && !message) return '';
  // ServiceStack's 401 repeats itself ("Not Authenticated" as both code and message).
  if (!message || message === code) return `: ${code || message}`;
  return code ? `: ${code} — ${message}` : `: ${message}`;
}

function causeText(cause: unknown): string {
  const message = messageOf(cause);
  // fetch reports "fetch failed" and keeps the socket-level reason (ECONNREFUSED, …) in its own cause.
  const inner = isObject(cause) ? messageOf(cause.cause) : '';
  return inner ? `${message}: ${inner}` : message;
}

// Duck-typed rather than `instanceof Error`: fetch's errors may come from another realm (e.g. under jest).
function messageOf(value: unknown): string {
  if (isObject(value)) return typeof value.message === 'string' ? value.message : '';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
