import type { DigiOfficeErrorKind } from '../metrics/appMetrics';
import type { Correlation } from './correlation';

/** The DigiOffice operations the bot calls (docs/digioffice-contract.md), by path; anything else counts as `other`. */
const OPERATIONS: Array<[RegExp, string]> = [
  [/\/api\/auth\/credentials$/, 'authenticate'],
  [/\/api\/access-token$/, 'refreshToken'],
  [/\/api\/workflowtasks\/finish$/, 'finishTasks'],
  [/\/api\/workflowtransitions\/[^/]+\/getusersandgroups$/, 'searchAssignees'],
  [/\/api\/ping$/, 'ping'],
];

export interface DigiOfficeRequestObserver {
  digiOfficeRequest(operation: string, seconds: number, error: DigiOfficeErrorKind | null): void;
}

/**
 * The `fetch` the DigiOffice client calls through, measured: latency and failures per operation, and the answer's
 * status noted in the request's scope (for the audit entry). Nothing of the request or answer is read or kept.
 */
export function observedFetch(
  fetch: typeof globalThis.fetch,
  deps: { observer: DigiOfficeRequestObserver; correlation: Correlation; now?: () => number },
): typeof globalThis.fetch {
  const now = deps.now ?? (() => performance.now());
  return async (input, init) => {
    const operation = operationOf(input);
    const started = now();
    const seconds = () => (now() - started) / 1000;
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (err) {
      // The client's own timeout aborts the request through its signal; any other failure is the network's.
      deps.observer.digiOfficeRequest(operation, seconds(), init?.signal?.aborted ? 'timeout' : 'network');
      throw err;
    }
    const scope = deps.correlation.current();
    if (scope) scope.digiOfficeStatus = response.status;
    const ok = response.status >= 200 && response.status <= 299;
    deps.observer.digiOfficeRequest(operation, seconds(), ok ? null : `${Math.floor(response.status / 100)}xx`);
    return response;
  };
}

function operationOf(input: Parameters<typeof globalThis.fetch>[0]): string {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const path = url.split('?')[0] ?? '';
  return OPERATIONS.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
}
