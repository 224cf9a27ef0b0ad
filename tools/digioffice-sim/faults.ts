import { STATUS_CODES } from 'node:http';
import { notAuthenticated, SimHttpError } from './errors';
import type { ApiResponse } from './router';

/**
 * One-shot faults for a method and path: forced failures (`failNext`), where the next matching request gets this
 * answer instead of being handled, and late answers (`answerLateNext`), where it is handled (and applied) as usual but
 * its answer is held back: a client that gave up before then never learns that it went through.
 */

interface Matching {
  method: string;
  path: string;
}

export interface ForcedFailure extends Matching {
  method: string;
  path: string;
  status: number;
  /** JSON body, or a string sent as is (e.g. a proxy's HTML error page). Default: a ServiceStack error body. */
  body?: unknown;
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'ArgumentException',
  403: 'UnauthorizedAccessException',
  404: 'NotFound',
  405: 'NotImplementedException',
  409: 'OptimisticConcurrencyException',
  500: 'Exception',
};

export interface LateAnswer extends Matching {
  delayMs: number;
}

/** Faults of one kind, each used once, by the first request it matches (verb in any case, path case-insensitively). */
export class FaultQueue<F extends Matching> {
  private queue: F[] = [];

  add(fault: F): void {
    this.queue.push({ ...fault, method: fault.method.toUpperCase() });
  }

  /** Removes and returns the first fault queued for this request, if any. */
  take(method: string, path: string): F | undefined {
    const index = this.queue.findIndex((f) => f.method === method.toUpperCase() && f.path.toLowerCase() === path.toLowerCase());
    return index < 0 ? undefined : this.queue.splice(index, 1)[0];
  }

  clear(): void {
    this.queue = [];
  }
}

export function forcedResponse(failure: ForcedFailure): ApiResponse {
  const { status, body } = failure;
  if (typeof body === 'string') {
    return { status, text: body, headers: { 'content-type': body.trimStart().startsWith('<') ? 'text/html' : 'text/plain' } };
  }
  if (body !== undefined) return { status, reason: errorCodeOf(body) ?? STATUS_CODES[status], body };
  const error =
    status === 401
      ? notAuthenticated()
      : new SimHttpError(status, DEFAULT_CODES[status] ?? (STATUS_CODES[status] ?? 'Error').replace(/\W/g, ''), 'Simulated failure');
  return { status, reason: error.errorCode, body: error.body };
}

function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('ResponseStatus' in body)) return undefined;
  const status = (body as { ResponseStatus?: { ErrorCode?: unknown } }).ResponseStatus;
  return typeof status?.ErrorCode === 'string' ? status.ErrorCode : undefined;
}
