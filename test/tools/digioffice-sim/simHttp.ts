import { createDigiOfficeSimulator, type DigiOfficeSimulator, type DigiOfficeSimulatorOptions } from '../../../tools/digioffice-sim';

/** Test plumbing for the simulator's own tests: a started simulator and a small fetch wrapper. */

/** 2026-11-30 13:00 in Amsterdam (+01:00). */
export const NOW_MS = Date.parse('2026-11-30T12:00:00Z');

export interface HttpResult {
  status: number;
  statusText: string;
  headers: Headers;
  /** Parsed JSON, or null for an empty body. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: isJson && text ? (JSON.parse(text) as unknown) : null,
    text,
  };
}

export interface SignedIn {
  bearer: string;
  refresh: string;
}

export async function signIn(baseUrl: string, userName: string, password: string): Promise<SignedIn> {
  const result = await call(baseUrl, 'POST', '/api/auth/credentials', {
    body: { UserName: userName, Password: password, RememberMe: true },
  });
  const body = result.body as { BearerToken?: string; RefreshToken?: string } | null;
  if (result.status !== 200 || !body?.BearerToken || !body.RefreshToken) throw new Error(`sign-in failed: ${result.status} ${result.text}`);
  return { bearer: body.BearerToken, refresh: body.RefreshToken };
}

export interface StartedSim {
  sim: DigiOfficeSimulator;
  url: string;
  /** Moves the simulator's clock. */
  setNow(ms: number): void;
}

/** A simulator on an ephemeral port with a settable clock starting at {@link NOW_MS}. */
export async function startSim(options: DigiOfficeSimulatorOptions = {}): Promise<StartedSim> {
  let now = NOW_MS;
  const sim = createDigiOfficeSimulator({ clock: () => now, ...options });
  const url = await sim.listen();
  return {
    sim,
    url,
    setNow: (ms) => {
      now = ms;
    },
  };
}

/** A full ServiceStack validation error body with one field error. */
export function fieldErrorBody(errorCode: string, fieldName: string, message: string) {
  return {
    ResponseStatus: { ErrorCode: errorCode, Message: message, Errors: [{ ErrorCode: errorCode, FieldName: fieldName, Message: message }] },
  };
}

export interface SignedInSim {
  s: StartedSim;
  /** Alex's bearer token, fresh for every test. */
  alex: string;
}

/**
 * Registers the hooks most simulator suites share: one simulator per file, reset to the seed before each test,
 * with Alex signed in. The returned object is filled in by the hooks.
 */
export function useSignedInSim(options: { clearRequests?: boolean } = {}): SignedInSim {
  const ctx = {} as SignedInSim;
  beforeAll(async () => {
    ctx.s = await startSim();
  });
  afterAll(() => ctx.s.sim.close());
  beforeEach(async () => {
    ctx.s.sim.reset();
    ctx.alex = (await signIn(ctx.s.url, 'alexw', 'demo')).bearer;
    if (options.clearRequests) ctx.s.sim.clearRequests();
  });
  return ctx;
}
