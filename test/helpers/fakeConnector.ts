import { createServer, STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Bot Framework connector (the `serviceUrl` the bot calls back) over real HTTP. Paths follow
 * botframework-connector's conversations operations; conversation and activity ids arrive URL-encoded and are decoded.
 * Members are shared by all conversations.
 */

export type ConnectorBody = Record<string, unknown>;

export type ConnectorOperation =
  | 'createConversation'
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getConversationMember'
  | 'getConversationMembers'
  | 'getConversationPagedMembers'
  | 'unknown';

export interface ConnectorCall {
  method: string;
  /** The path as received (still URL-encoded), without the query. */
  path: string;
  operation: ConnectorOperation;
  conversationId: string | null;
  activityId: string | null;
  query: Record<string, string>;
  /** Parsed JSON object body, or null when empty or not a JSON object. */
  body: ConnectorBody | null;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** What the fake answered. */
  status: number;
  responseHeaders: Record<string, string>;
  response: unknown;
}

/** A Teams member as TeamsInfo.getMember returns it (TeamsChannelAccount). */
export interface ConnectorMember {
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipalName: string;
  email: string;
  tenantId: string;
  userRole: string;
}

export type MemberInput = Partial<ConnectorMember> & {
  /** The 1:1 conversation id `POST /v3/conversations` answers for this member. */
  conversationId?: string;
};

export interface ConnectorFault {
  /** Verb to fail, any case; '*' for any. */
  method: string;
  /** Limits the fault to paths (decoded) containing this text or matching this expression. */
  path?: string | RegExp;
  status: number;
  headers?: Record<string, string>;
  /** JSON body; default `{"error":{"code":…,"message":…}}` from the status. A string is sent as text. */
  body?: unknown;
  /** How many matching calls fail. Default 1. */
  times?: number;
}

/** Error bodies as Teams sends them (MS docs: bot status codes; proactive messaging, blocked bots). */
export const TEAMS_ERRORS = {
  conversationBlockedByUser: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } },
  /** The documented 403 when the user blocked or uninstalled the bot: the subCode sits in a JSON string in `message`. */
  messageWritesBlocked: {
    errorCode: 209,
    message:
      '{\r\n  "subCode": "MessageWritesBlocked",\r\n  "details": "Thread is blocked from message writes.",\r\n  "errorCode": null,\r\n  "errorSubCode": null\r\n}',
  },
  botNotInConversationRoster: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } },
  memberNotFound: { error: { code: 'MemberNotFoundInConversation', message: 'The member could not be found in the conversation.' } },
} as const;

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Waiter {
  predicate: (call: ConnectorCall) => boolean;
  settle: (outcome: ConnectorCall | Error) => void;
}

export class FakeConnector {
  private server: Server | null = null;
  private serviceUrl: string | null = null;
  private recorded: ConnectorCall[] = [];
  private faults: (ConnectorFault & { remaining: number })[] = [];
  private members = new Map<string, ConnectorMember & { conversationId?: string }>();
  private conversations = new Map<string, string>();
  private waiters = new Set<Waiter>();
  private activityCount = 0;

  /** `tenantId`: the tenant of members that do not name one (default: the Agents Playground's). */
  constructor(private readonly options: { tenantId?: string } = {}) {}

  /** Starts listening; resolves to the service URL with a trailing slash, e.g. `http://127.0.0.1:PORT/`. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.server) throw new Error('the fake connector is already started');
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.serviceUrl = `http://${host}:${(server.address() as AddressInfo).port}/`;
    return this.serviceUrl;
  }

  get url(): string {
    if (!this.serviceUrl) throw new Error('the fake connector is not started');
    return this.serviceUrl;
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) waiter.settle(new Error('the fake connector was closed'));
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.serviceUrl = null;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  /** Every call in the order answered (the same objects `waitFor` resolves with). */
  get calls(): readonly ConnectorCall[] {
    return this.recorded;
  }

  /** The activities POSTed (sends and replies), as the bot sent them. */
  sent(): ConnectorBody[] {
    return this.bodiesOf('sendToConversation', 'replyToActivity');
  }

  /** The activities PUT (updates), as the bot sent them. */
  updates(): ConnectorBody[] {
    return this.bodiesOf('updateActivity');
  }

  /** Resolves with the first recorded call (earlier ones included) matching the predicate. */
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs = 5000): Promise<ConnectorCall> {
    const found = this.recorded.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => waiter.settle(new Error(`waitFor: no matching connector call within ${timeoutMs} ms. ${this.describeCalls()}`)),
        timeoutMs,
      );
      const waiter: Waiter = {
        predicate,
        settle: (outcome) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Forgets calls, faults, members and id counters. */
  reset(): void {
    this.recorded = [];
    this.faults = [];
    this.members.clear();
    this.conversations.clear();
    this.activityCount = 0;
  }

  /** Answers `GET …/members/{memberId}` for this id and for the member's aadObjectId. */
  setMember(memberId: string, member: MemberInput): void {
    const { conversationId, ...m } = member;
    this.members.set(memberId, {
      id: m.id ?? memberId,
      name: m.name ?? memberId,
      aadObjectId: m.aadObjectId ?? '',
      userPrincipalName: m.userPrincipalName ?? '',
      email: m.email ?? '',
      tenantId: m.tenantId ?? this.options.tenantId ?? '00000000-0000-0000-0000-0000000000001',
      userRole: m.userRole ?? 'user',
      ...(conversationId === undefined ? {} : { conversationId }),
    });
  }

  removeMember(memberId: string): void {
    this.members.delete(memberId);
  }

  /** The next matching call(s) get this answer instead of the normal one. */
  failNext(fault: ConnectorFault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const call = this.answer(req, new URL(req.url ?? '/', 'http://connector'), parseBody(Buffer.concat(chunks).toString('utf8')));
      this.recorded.push(call);
      for (const waiter of this.waiters) if (waiter.predicate(call)) waiter.settle(call);
      write(res, call.status, call.response, call.responseHeaders);
    });
  }

  private answer(req: IncomingMessage, url: URL, body: ConnectorBody | null): ConnectorCall {
    const method = (req.method ?? 'GET').toUpperCase();
    const segments = url.pathname.split('/').filter(Boolean).map(safeDecode);
    const [v3, conversations, conversationId = null, sub, id = null, ...rest] = segments;
    const operation =
      v3 === 'v3' && conversations === 'conversations' && rest.length === 0 ? operationOf(method, conversationId, sub, id) : 'unknown';
    const answer = this.takeFault(method, `/${segments.join('/')}`) ?? this.normalAnswer(operation, id, url, body);
    return {
      method,
      path: url.pathname,
      operation,
      conversationId,
      activityId: sub === 'activities' ? id : null,
      query: Object.fromEntries(url.searchParams),
      body,
      headers: flattenHeaders(req),
      status: answer.status,
      responseHeaders: answer.headers ?? {},
      response: answer.body,
    };
  }

  private normalAnswer(operation: ConnectorOperation, id: string | null, url: URL, body: ConnectorBody | null): Answer {
    switch (operation) {
      case 'createConversation': {
        const conversation = { id: this.conversationFor(body) };
        return { status: 201, body: body?.['activity'] ? { ...conversation, activityId: this.nextActivityId() } : conversation };
      }
      case 'sendToConversation':
      case 'replyToActivity':
        return { status: 201, body: { id: this.nextActivityId() } };
      case 'updateActivity':
        return { status: 200, body: { id } };
      case 'deleteActivity':
        return { status: 200 };
      case 'getConversationMember': {
        const member = id === null ? undefined : this.findMember(id);
        return member ? { status: 200, body: publicMember(member) } : { status: 404, body: TEAMS_ERRORS.memberNotFound };
      }
      case 'getConversationMembers':
        return { status: 200, body: [...this.members.values()].map(publicMember) };
      case 'getConversationPagedMembers': {
        // The continuation token is the offset of the next page.
        const all = [...this.members.values()].map(publicMember);
        const size = Number(url.searchParams.get('pageSize')) || all.length || 1;
        const start = Number(url.searchParams.get('continuationToken')) || 0;
        const members = all.slice(start, start + size);
        return { status: 200, body: start + size < all.length ? { members, continuationToken: String(start + size) } : { members } };
      }
      case 'unknown':
        return { status: 404, body: { error: { code: 'NotFound', message: `No connector operation for ${url.pathname}` } } };
    }
  }

  private takeFault(method: string, decodedPath: string): Answer | undefined {
    const fault = this.faults.find(
      (f) =>
        (f.method === '*' || f.method.toUpperCase() === method) &&
        (f.path === undefined || (typeof f.path === 'string' ? decodedPath.includes(f.path) : f.path.test(decodedPath))),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    const reason = STATUS_CODES[fault.status] ?? 'Error';
    return {
      status: fault.status,
      headers: fault.headers,
      body: fault.body ?? { error: { code: reason.replace(/\W/g, ''), message: reason } },
    };
  }

  /** Teams answers the same 1:1 conversation id for the same user every time. */
  private conversationFor(body: ConnectorBody | null): string {
    const first: unknown = Array.isArray(body?.['members']) ? (body['members'] as unknown[])[0] : undefined;
    const memberId = typeof first === 'object' && first !== null && 'id' in first && typeof first.id === 'string' ? first.id : '';
    const member = this.findMember(memberId);
    if (member?.conversationId) return member.conversationId;
    const key = member?.id ?? memberId;
    const id = this.conversations.get(key) ?? `a:fake-conversation-${this.conversations.size + 1}`;
    this.conversations.set(key, id);
    return id;
  }

  private nextActivityId(): string {
    this.activityCount += 1;
    return `activity-${this.activityCount}`;
  }

  private findMember(memberId: string): (ConnectorMember & { conversationId?: string }) | undefined {
    return this.members.get(memberId) ?? [...this.members.values()].find((m) => m.id === memberId || m.aadObjectId === memberId);
  }

  private bodiesOf(...operations: ConnectorOperation[]): ConnectorBody[] {
    return this.recorded.flatMap((c) => (operations.includes(c.operation) && c.body !== null ? [c.body] : []));
  }

  private describeCalls(): string {
    if (this.recorded.length === 0) return 'No calls were recorded.';
    const lines = this.recorded.map(
      (c, i) => `  ${i + 1}. ${c.method} ${c.path} -> ${c.status}${c.body === null ? '' : ` ${JSON.stringify(c.body).slice(0, 300)}`}`,
    );
    return `Recorded calls:\n${lines.join('\n')}`;
  }
}

function publicMember({ conversationId: _conversationId, ...member }: ConnectorMember & { conversationId?: string }): ConnectorMember {
  return member;
}

function operationOf(method: string, conversationId: string | null, sub: string | undefined, id: string | null): ConnectorOperation {
  if (conversationId === null) return method === 'POST' ? 'createConversation' : 'unknown';
  if (sub === 'activities') {
    if (id === null) return method === 'POST' ? 'sendToConversation' : 'unknown';
    const byVerb: Record<string, ConnectorOperation> = { POST: 'replyToActivity', PUT: 'updateActivity', DELETE: 'deleteActivity' };
    return byVerb[method] ?? 'unknown';
  }
  if (method === 'GET' && sub === 'members') return id === null ? 'getConversationMembers' : 'getConversationMember';
  if (method === 'GET' && sub === 'pagedmembers' && id === null) return 'getConversationPagedMembers';
  return 'unknown';
}

// restify patches http.ServerResponse.prototype process-wide and its writeHead returns undefined: never chain it.
function write(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string>): void {
  const headers: OutgoingHttpHeaders = { ...extraHeaders };
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  if (payload !== undefined) {
    headers['content-type'] ??= typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  res.writeHead(status, headers);
  res.end(payload);
}

function parseBody(text: string): ConnectorBody | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ConnectorBody) : null;
  } catch {
    return null;
  }
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
