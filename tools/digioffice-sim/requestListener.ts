import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { SimHttpError } from './errors';
import { forcedResponse, type FaultQueue, type ForcedFailure, type LateAnswer } from './faults';
import type { RequestRecorder } from './recorder';
import { matchRoute, type ApiRequest, type ApiResponse, type Route } from './router';

/**
 * The HTTP edge of the simulator: reads the body, records the request, waits the configured latency, answers a
 * forced failure or routes it, and writes ServiceStack-style responses. `/_sim/` control requests skip recording,
 * latency and forced failures.
 */

export interface ListenerDeps {
  apiRoutes: readonly Route[];
  controlRoutes: readonly Route[];
  recorder: RequestRecorder;
  failures: FaultQueue<ForcedFailure>;
  lateAnswers: FaultQueue<LateAnswer>;
  latencyMs: () => number;
  /** Aborted when the simulator closes, so requests waiting out their latency give up. */
  closing: () => AbortSignal;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function createRequestListener(deps: ListenerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) writeResponse(res, toResponse(error));
      else res.destroy();
    });
  };
}

async function handle(deps: ListenerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const rawBody = await readBody(req);
  const parsed = parseJson(rawBody);
  const headers = flattenHeaders(req);
  const apiRequest = (body: unknown, params: Record<string, string> = {}): ApiRequest => ({
    method,
    path: url.pathname,
    params,
    query: url.searchParams,
    headers,
    body,
  });

  if (url.pathname.toLowerCase().startsWith('/_sim/')) {
    writeResponse(res, await route(deps.controlRoutes, apiRequest(parsed.ok ? parsed.value : null), parsed.ok));
    return;
  }

  const recorded = deps.recorder.record({
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: parsed.ok ? parsed.value : null,
  });
  const latency = deps.latencyMs();
  if (latency > 0 && !(await sleep(latency, deps.closing()))) {
    res.destroy();
    return;
  }
  const forced = deps.failures.take(method, url.pathname);
  const response = forced ? forcedResponse(forced) : await route(deps.apiRoutes, apiRequest(parsed.ok ? parsed.value : null), parsed.ok);
  const late = forced ? undefined : deps.lateAnswers.take(method, url.pathname);
  // Applied already; the answer waits (a client that gave up has closed the connection, and then gets nothing).
  if (late && !(await sleep(late.delayMs, deps.closing()))) {
    res.destroy();
    return;
  }
  recorded.status = response.status;
  writeResponse(res, response);
}

async function route(routes: readonly Route[], req: ApiRequest, bodyIsJson: boolean): Promise<ApiResponse> {
  const match = matchRoute(routes, req.method, req.path);
  try {
    if (match.kind === 'none') throw new SimHttpError(404, 'NotFound', `Handler for Request not found: ${req.method} ${req.path}`);
    if (match.kind === 'wrongMethod') {
      const error = new SimHttpError(
        405,
        'NotImplementedException',
        `The verb ${req.method} is not supported by ${req.path}; use ${match.allowed.join(', ')}`,
      );
      return { ...errorResponse(error), headers: { allow: match.allowed.join(', ') } };
    }
    if (!bodyIsJson) throw new SimHttpError(400, 'SerializationException', `Could not deserialize 'application/json' request body`);
    return await match.route.handler({ ...req, params: match.params });
  } catch (error) {
    return toResponse(error);
  }
}

function errorResponse(error: SimHttpError): ApiResponse {
  return { status: error.status, reason: error.errorCode, body: error.body };
}

function toResponse(error: unknown): ApiResponse {
  if (error instanceof SimHttpError) return errorResponse(error);
  const e = error instanceof Error ? error : new Error(String(error));
  return errorResponse(new SimHttpError(500, e.name, e.message));
}

// restify patches http.ServerResponse.prototype process-wide and its writeHead returns undefined: never chain it.
function writeResponse(res: ServerResponse, response: ApiResponse): void {
  const headers: OutgoingHttpHeaders = { ...response.headers };
  let payload: string | undefined = response.text;
  if (payload === undefined && response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = Buffer.byteLength(payload);
  res.writeHead(response.status, response.reason ?? STATUS_CODES[response.status] ?? 'Unknown', headers);
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new SimHttpError(413, 'RequestEntityTooLarge', 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
