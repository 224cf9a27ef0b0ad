import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findOpenUrl } from '../../test/helpers/signIn';
import { TENANT_ID } from '../../test/helpers/teamsActivities';
import { APPROVE, teamsUser, userNumberOf } from './fixtures';
import { scaled, TEAMS_PER_CONVERSATION, TEAMS_PER_TENANT, WindowLog } from './teamsLimits';

/**
 * The Bot Connector for the bench: answers what the bot calls (sends, replies, updates, roster look-ups) and, when
 * enforcing, refuses with 429 (no Retry-After) every message over Teams' limits scaled by `scale`. It keeps only what
 * the figures need: counters, and per task card (conversation + task id) when it was first posted, how often, and
 * the data a click on its Approve button sends (a task card is one with that button).
 */

export interface TaskCard {
  conversationId: string;
  taskId: number;
  activityId: string;
  /** Epoch ms of the first post. */
  firstAt: number;
  posts: number;
  /** The Action.Execute data of the card's Approve button merged with its inputs (what Teams sends on a click). */
  clickData: Record<string, unknown>;
}

export interface TeamsStats {
  messages: number;
  updates: number;
  refused429: number;
  cardPosts: number;
  distinctCards: number;
  duplicates: number;
  /** Epoch ms of the latest first post of a card. */
  lastNewCardAt: number | null;
}

interface Waiter {
  done: () => boolean;
  resolve: () => void;
}

export class FakeTeams {
  private server: Server | null = null;
  private enforce: { conversations: WindowLog; tenant: WindowLog } | null = null;
  private cards = new Map<string, TaskCard>();
  private signInUrls = new Map<string, string>();
  private stats: TeamsStats = emptyStats();
  private waiters: Waiter[] = [];
  private activityCount = 0;

  async start(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Enforce Teams' limits `scale` times faster from now on (fresh windows), or stop enforcing (null). */
  configure(options: { enforceScale: number | null }): void {
    this.enforce =
      options.enforceScale === null
        ? null
        : {
            conversations: new WindowLog(scaled(TEAMS_PER_CONVERSATION, options.enforceScale)),
            tenant: new WindowLog(scaled(TEAMS_PER_TENANT, options.enforceScale)),
          };
  }

  /** Zeroes the counters; with `cards`, also forgets the cards seen. */
  reset(options: { cards?: boolean } = {}): void {
    this.stats = emptyStats();
    if (options.cards) this.cards.clear();
    this.stats.distinctCards = this.cards.size;
  }

  getStats(): TeamsStats {
    return { ...this.stats };
  }

  /** The cards for these `conversationId|taskId` keys (missing ones are left out). */
  cardsFor(keys: string[]): TaskCard[] {
    return keys.flatMap((key) => {
      const card = this.cards.get(key);
      return card ? [card] : [];
    });
  }

  /** How many of these keys have a card. */
  countDelivered(keys: string[]): number {
    return keys.filter((key) => this.cards.has(key)).length;
  }

  /** Posts to these keys beyond the first. */
  duplicatesOf(keys: string[]): number {
    return keys.reduce((n, key) => n + Math.max(0, (this.cards.get(key)?.posts ?? 0) - 1), 0);
  }

  /** Resolves once every key has a card (true), or after `timeoutMs` (false). */
  waitForCards(keys: string[], timeoutMs: number): Promise<boolean> {
    let missing = keys.filter((key) => !this.cards.has(key));
    return this.waitUntil(() => {
      missing = missing.filter((key) => !this.cards.has(key));
      return missing.length === 0;
    }, timeoutMs);
  }

  /** Resolves once this many distinct cards were seen (true), or after `timeoutMs` (false). */
  waitForCardCount(count: number, timeoutMs: number): Promise<boolean> {
    return this.waitUntil(() => this.cards.size >= count, timeoutMs);
  }

  /** The latest sign-in link the bot sent to the conversation, waiting for it up to `timeoutMs`. */
  async signInUrl(conversationId: string, timeoutMs: number): Promise<string | null> {
    await this.waitUntil(() => this.signInUrls.has(conversationId), timeoutMs);
    const url = this.signInUrls.get(conversationId) ?? null;
    this.signInUrls.delete(conversationId);
    return url;
  }

  private waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        done,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [status, body] = this.answer(req.method ?? 'GET', req.url ?? '/', chunks.length ? Buffer.concat(chunks).toString('utf8') : '');
      const payload = JSON.stringify(body ?? {});
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
    });
  }

  private answer(method: string, rawUrl: string, text: string): [number, unknown] {
    const segments = new URL(rawUrl, 'http://connector').pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [v3, conversations, conversationId, sub, id] = segments;
    if (v3 !== 'v3' || conversations !== 'conversations') return [404, { error: { code: 'NotFound', message: rawUrl } }];
    if (method === 'GET' && sub === 'members' && id) return this.member(id);
    if (method === 'POST' && conversationId === undefined) return [201, { id: 'a:bench-created' }];
    if (!conversationId || sub !== 'activities' || !['POST', 'PUT'].includes(method)) return [404, { error: { code: 'NotFound' } }];
    const activity = parse(text);
    const tenant = String((activity?.conversation as { tenantId?: string } | undefined)?.tenantId ?? TENANT_ID);
    if (!this.admit(conversationId, tenant)) {
      this.stats.refused429++;
      return [429, { error: { code: 'TooManyRequests', message: 'Too many requests (bench limits)' } }];
    }
    if (method === 'PUT') {
      this.stats.updates++;
      return [200, { id }];
    }
    this.stats.messages++;
    const activityId = `activity-${++this.activityCount}`;
    this.record(conversationId, activityId, activity);
    return [201, { id: activityId }];
  }

  private admit(conversationId: string, tenant: string): boolean {
    if (!this.enforce) return true;
    const now = Date.now();
    if (!this.enforce.conversations.fits(conversationId, now) || !this.enforce.tenant.fits(tenant, now)) return false;
    this.enforce.conversations.record(conversationId, now);
    this.enforce.tenant.record(tenant, now);
    return true;
  }

  private record(conversationId: string, activityId: string, activity: Record<string, unknown> | null): void {
    const signIn = findOpenUrl(activity);
    if (signIn) this.signInUrls.set(conversationId, signIn);
    const content = cardContent(activity);
    const approve = content ? findAction(content, (a) => a.verb === 'task.finish' && sameId(a.data?.transitionId, APPROVE.ID)) : null;
    const taskId = Number((approve?.data?.taskIds as unknown[] | undefined)?.[0]);
    if (!content || !approve || !Number.isInteger(taskId)) return;
    this.stats.cardPosts++;
    const key = `${conversationId}|${taskId}`;
    const known = this.cards.get(key);
    if (known) {
      known.posts++;
      this.stats.duplicates++;
      return;
    }
    const now = Date.now();
    this.cards.set(key, {
      conversationId,
      taskId,
      activityId,
      firstAt: now,
      posts: 1,
      clickData: { ...inputDefaults(content), ...approve.data },
    });
    this.stats.distinctCards = this.cards.size;
    this.stats.lastNewCardAt = now;
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.done()) return true;
      waiter.resolve();
      return false;
    });
  }

  private member(memberId: string): [number, unknown] {
    const n = userNumberOf(memberId);
    if (n === null) return [404, { error: { code: 'MemberNotFoundInConversation', message: 'not a bench user' } }];
    const user = teamsUser(n);
    return [
      200,
      {
        id: user.id,
        name: user.name,
        aadObjectId: user.aadObjectId,
        userPrincipalName: user.userPrincipalName,
        email: user.email,
        tenantId: TENANT_ID,
        userRole: 'user',
      },
    ];
  }
}

/** `conversationId|taskId`, the key of a task card. */
export function cardKey(conversationId: string, taskId: number): string {
  return `${conversationId}|${taskId}`;
}

function emptyStats(): TeamsStats {
  return { messages: 0, updates: 0, refused429: 0, cardPosts: 0, distinctCards: 0, duplicates: 0, lastNewCardAt: null };
}

type Json = Record<string, unknown>;
interface ExecuteAction {
  verb?: string;
  data?: Json;
}

function parse(text: string): Json | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Json) : null;
  } catch {
    return null;
  }
}

function cardContent(activity: Json | null): Json | null {
  const attachments = activity?.attachments;
  if (!Array.isArray(attachments)) return null;
  const card = (attachments as Json[]).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return (card?.content as Json | undefined) ?? null;
}

function findAction(value: unknown, match: (action: ExecuteAction) => boolean): ExecuteAction | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findAction(item, match);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Json;
  if (o.type === 'Action.Execute' && match(o)) return o;
  for (const v of Object.values(o)) {
    const found = findAction(v, match);
    if (found) return found;
  }
  return null;
}

/** Every input of the card with its preset value ("" when untouched), as Teams merges them into the action data. */
function inputDefaults(card: Json): Json {
  const inputs: Json = {};
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const o = value as Json;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') inputs[o.id] = o.value ?? '';
      Object.values(o).forEach(visit);
    }
  };
  visit(card.body);
  return inputs;
}

function sameId(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}
