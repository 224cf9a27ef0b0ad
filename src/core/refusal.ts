/**
 * Why a request was refused before any handler saw it: the status and a body that names what was wrong and what to
 * send. The HTTP edge (src/http) refuses bodies; the channel adapter (src/bot/adapter.ts) refuses activities.
 */
export interface Refusal {
  status: 400 | 401 | 413 | 415;
  error: string;
  message: string;
}

export function refusal(status: Refusal['status'], error: string, message: string): Refusal {
  return { status, error, message };
}

/** The one answer to every channel authentication failure: it never says which check failed. */
export const UNAUTHORIZED: Refusal = refusal(401, 'unauthorized', 'The request is not authorized.');
