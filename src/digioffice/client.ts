import type { z } from 'zod';
import {
  AccessTokenResponse,
  AuthenticateResponse,
  ErrorResponse,
  UsersOrGroupsResponse,
  type FinishTaskOperation,
  type ResponseStatus,
} from './dto';
import { DigiOfficeHttpError, DigiOfficeNetworkError, DigiOfficeResponseError, DigiOfficeTimeoutError } from './errors';

export interface DigiOfficeClientOptions {
  /** DigiOffice API Services base, e.g. `https://do.example.nl` (a trailing slash is fine); calls go to `{baseUrl}/api/…`. */
  baseUrl: string;
  /** Per call, including reading the body. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

/** An assignee picker value (the card's `assignees` input). */
export type AssigneeValue = `user:${number}` | `group:${number}`;

type UserOrGroup = NonNullable<UsersOrGroupsResponse['UsersOrGroups']>[number];

interface CallOptions {
  body?: object;
  bearerToken?: string;
  /** Values that must never reach an error message (tokens, passwords), should DigiOffice echo them. */
  secrets: string[];
}

interface Answer {
  method: string;
  url: string;
  status: number;
  text: string;
}

/**
 * Typed DigiOffice API client (docs/digioffice-contract.md). Every call has a timeout, sends and expects JSON with
 * PascalCase names, parses 2xx bodies once with the dto.ts schemas, and throws the errors of `errors.ts`. Nothing is
 * retried: a finish POST that timed out may still have been applied, and only the caller can know whether to repeat it.
 */
export class DigiOfficeClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof globalThis.fetch;

  constructor(options: DigiOfficeClientOptions) {
    const base = options.baseUrl.trim().replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]/i.test(base) || !URL.canParse(base))
      throw new TypeError(`DigiOffice baseUrl must be an http(s) URL, got "${options.baseUrl}"`);
    this.baseUrl = base;
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /**
   * `POST /api/auth/credentials` (ServiceStack's CredentialsAuthProvider). [inference] The tokens come back in the body
   * (`BearerToken`, `RefreshToken`); a host that only sets token cookies fails here with a DigiOfficeResponseError.
   */
  async authenticateWithCredentials(userName: string, password: string): Promise<AuthenticateResponse> {
    const answer = await this.call('POST', '/api/auth/credentials', {
      body: { UserName: userName, Password: password, RememberMe: true },
      secrets: [password],
    });
    return parseBody(AuthenticateResponse, answer);
  }

  /** `POST /api/access-token`: a new bearer token for a refresh token. */
  async refreshAccessToken(refreshToken: string): Promise<string> {
    const answer = await this.call('POST', '/api/access-token', { body: { RefreshToken: refreshToken }, secrets: [refreshToken] });
    return parseBody(AccessTokenResponse, answer).AccessToken;
  }

  /**
   * `POST /api/workflowtasks/finish` as the user. [inference] DigiOffice declares no response: any 2xx (204 No Content,
   * or 200 with whatever body) means the tasks were finished, and the body is ignored.
   */
  async finishTasks(operation: FinishTaskOperation, bearerToken: string): Promise<void> {
    await this.call('POST', '/api/workflowtasks/finish', { body: operation, bearerToken, secrets: [bearerToken] });
  }

  /** `GET /api/workflowtransitions/{id}/getusersandgroups`: first page of users/groups a transition may be assigned to. */
  async searchAssignees(transitionId: string, query: string, bearerToken: string, pageSize = 15): Promise<UsersOrGroupsResponse> {
    const search = query.trim();
    const params = [...(search ? [`SearchCriteria=${encodeURIComponent(search)}`] : []), `PageSize=${pageSize}`, 'PageNumber=1'];
    const path = `/api/workflowtransitions/${encodeURIComponent(transitionId)}/getusersandgroups?${params.join('&')}`;
    const answer = await this.call('GET', path, { bearerToken, secrets: [bearerToken] });
    return parseBody(UsersOrGroupsResponse, answer);
  }

  /** `GET /api/ping` (no auth); any 2xx means DigiOffice is up. */
  async ping(): Promise<void> {
    await this.call('GET', '/api/ping', { secrets: [] });
  }

  private async call(method: 'GET' | 'POST', path: string, options: CallOptions): Promise<Answer> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body) headers['Content-Type'] = 'application/json';
    if (options.bearerToken !== undefined) headers.Authorization = `Bearer ${options.bearerToken}`;
    // A timer of our own, cleared with the answer: `AbortSignal.timeout` would still fire after an answered call and
    // abort the finished fetch then (an abort event, an exception, undici's clean-up: a few hundred µs per call, later).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await this.fetch(url, {
        method,
        headers,
        body: options.body ? JSON.stringify(options.body) : undefined,
        signal: controller.signal,
        redirect: 'error',
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (controller.signal.aborted) throw new DigiOfficeTimeoutError(method, url, this.timeoutMs);
      throw new DigiOfficeNetworkError(method, url, error);
    } finally {
      clearTimeout(timer);
      // Node keeps a resource timing of every fetch; once 250 are kept, each further fetch raises a "buffer full"
      // event a turn later. The bot reads none of them.
      performance.clearResourceTimings();
    }
    if (status < 200 || status > 299) {
      throw new DigiOfficeHttpError(method, url, status, redactStatus(responseStatusFrom(text), options.secrets));
    }
    return { method, url, status, text };
  }
}

/**
 * [inference] DigiOffice (ServiceStack) error bodies are `{"ResponseStatus":{"ErrorCode","Message","Errors":[…]}}`,
 * also inside an operation's own response DTO. Anything else — an empty 401, an HTML 500 page — yields null.
 */
export function responseStatusFrom(body: string): ResponseStatus | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = ErrorResponse.safeParse(json);
  return parsed.success ? parsed.data.ResponseStatus : null;
}

/**
 * [inference] The picker value of a search result. `UserOrGroup` has no discriminator; only hosts that emit
 * `__type` (e.g. `"IDB.API.DTO.UserInformation.Group, IDB.API.DTO"`) tell groups from users. A type name ending in
 * `Group` (but not `UserOrGroup`) is a group; everything else, including no `__type`, is a user.
 */
export function assigneeValue(entry: Pick<UserOrGroup, 'ID' | '__type'>): AssigneeValue {
  const typeName = (entry.__type ?? '').split(',')[0]?.trim().split('.').pop() ?? '';
  const isGroup = /group$/i.test(typeName) && !/orgroup$/i.test(typeName);
  return isGroup ? `group:${entry.ID}` : `user:${entry.ID}`;
}

function parseBody<S extends z.ZodType>(schema: S, answer: Answer): z.output<S> {
  const fail = (problems: string[]) => new DigiOfficeResponseError(answer.method, answer.url, answer.status, problems);
  if (answer.text.trim() === '') throw fail(['the body is empty']);
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw fail(['the body is not JSON']);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw fail(parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`));
  return parsed.data;
}

function redactStatus(status: ResponseStatus | null, secrets: string[]): ResponseStatus | null {
  if (!status) return null;
  const clean = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? redact(v, secrets) : v])) as T;
  return { ...clean(status), ...(status.Errors ? { Errors: status.Errors.map(clean) } : {}) };
}

function redact(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((acc, secret) => acc.split(secret).join('[redacted]'), text);
}
