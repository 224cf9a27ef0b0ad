import { BearerKeys } from '../bearerKeys';
import type { Clock } from '../core/clock';
import { formatDuration } from '../core/duration';
import type { Logger } from '../core/logger';
import { acceptedCutoff, type OutboxAdmin, type OutboxChange, type OutboxItemView } from '../core/outboxAdmin';
import { formatCursor, parseItemId, parseListQuery, type Parsed } from './adminRequests';
import type { AuditLog } from './audit';
import type { Correlation } from './correlation';

export interface AdminResponse {
  status: number;
  body: unknown;
}

/** Who called: the fingerprint of the admin key the request carried (never the key). */
export interface Admin {
  keyFingerprint: string;
}

export interface AdminApiDeps {
  /** `ADMIN_API_KEY`: one key, or two (new,old) during a rotation. */
  apiKeys: readonly string[];
  outbox: OutboxAdmin;
  /** Pending items older than this are reported (`OUTBOX_PENDING_REPORT_AGE`). */
  pendingReportAgeMs: number;
  clock: Clock;
  audit: AuditLog;
  correlation: Correlation;
  logger: Logger;
}

/**
 * The admin API under `/api/admin/outbox` (docs/admin-guide.md, "Watching it"), framework-free: server.ts routes, this
 * answers. Every answer is JSON; bad input gets a 400 naming the field, a storage failure a neutral 503.
 */
export class AdminApi {
  private readonly keys: BearerKeys;

  constructor(private readonly deps: AdminApiDeps) {
    this.keys = new BearerKeys(deps.apiKeys);
  }

  /** The caller, when the `Authorization: Bearer` header carries an admin key; otherwise the 401. */
  authorize(authorization: string | undefined): Admin | AdminResponse {
    const keyFingerprint = this.keys.match(authorization);
    if (keyFingerprint !== null) return { keyFingerprint };
    return { status: 401, body: { error: 'unauthorized', message: 'Send the admin key as "Authorization: Bearer <ADMIN_API_KEY>".' } };
  }

  counts(): Promise<AdminResponse> {
    return this.answer('counting the outbox', async () => {
      const { pendingOverAge, ...counts } = await this.deps.outbox.counts(
        acceptedCutoff(this.deps.clock.now(), this.deps.pendingReportAgeMs),
      );
      return ok({ counts, pendingOverAge, pendingReportAge: formatDuration(this.deps.pendingReportAgeMs) });
    });
  }

  list(query: unknown): Promise<AdminResponse> {
    const parsed = parseListQuery(query);
    if (!parsed.ok) return Promise.resolve(invalid(parsed));
    const { state, limit, after, olderThanMs } = parsed.value;
    return this.answer('listing the outbox', async () => {
      const acceptedBefore = olderThanMs === null ? null : acceptedCutoff(this.deps.clock.now(), olderThanMs);
      const page = await this.deps.outbox.list({ state, limit, after, acceptedBefore });
      return ok({ state, items: page.items.map(itemJson), next: page.next ? formatCursor(page.next) : null });
    });
  }

  item(id: unknown): Promise<AdminResponse> {
    const parsed = parseItemId(id);
    if (!parsed.ok) return Promise.resolve(invalid(parsed));
    return this.answer('reading an outbox item', async () => {
      const item = await this.deps.outbox.get(parsed.value);
      return item ? ok({ item: itemJson(item) }) : notFound(parsed.value);
    });
  }

  requeue(id: unknown, admin: Admin): Promise<AdminResponse> {
    return this.change('outboxRequeue', id, admin, (itemId) => this.deps.outbox.requeue(itemId));
  }

  drop(id: unknown, admin: Admin): Promise<AdminResponse> {
    return this.change('outboxDrop', id, admin, (itemId) => this.deps.outbox.drop(itemId));
  }

  private change(
    action: 'outboxRequeue' | 'outboxDrop',
    id: unknown,
    admin: Admin,
    apply: (itemId: string) => Promise<OutboxChange>,
  ): Promise<AdminResponse> {
    const parsed = parseItemId(id);
    if (!parsed.ok) return Promise.resolve(invalid(parsed));
    const itemId = parsed.value;
    const what = action === 'outboxRequeue' ? 'requeueing an outbox item' : 'dropping an outbox item';
    return this.deps.correlation.run(null, () =>
      this.answer(what, async () => {
        const change = await apply(itemId);
        const correlationId = this.deps.correlation.current()?.correlationId ?? '';
        this.deps.audit.write({ audit: action, adminKey: admin.keyFingerprint, itemId, result: change.kind, correlationId });
        switch (change.kind) {
          case 'done':
            return ok({ [action === 'outboxRequeue' ? 'requeued' : 'dropped']: itemJson(change.item) });
          case 'notFound':
            return notFound(itemId);
          case 'conflict':
            return { status: 409, body: { error: 'conflict', message: `Outbox item ${itemId}: ${change.reason}.` } };
        }
      }),
    );
  }

  private async answer(what: string, work: () => Promise<AdminResponse>): Promise<AdminResponse> {
    try {
      return await work();
    } catch (err) {
      this.deps.logger.error({ err }, `admin API: storage failed while ${what}`);
      return { status: 503, body: { error: 'unavailable', message: 'The outbox could not be read or changed just now; try again.' } };
    }
  }
}

/** An item as the API shows it: everything but the internal order (the cursor carries it). */
function itemJson(item: OutboxItemView): Omit<OutboxItemView, 'order'> {
  const { order: _order, ...rest } = item;
  return rest;
}

function ok(body: unknown): AdminResponse {
  return { status: 200, body };
}

function notFound(id: string): AdminResponse {
  return {
    status: 404,
    body: { error: 'notFound', message: `No outbox item ${id} (delivered items are kept a day, failed ones 7 days).` },
  };
}

function invalid(parsed: Extract<Parsed<unknown>, { ok: false }>): AdminResponse {
  return {
    status: 400,
    body: { error: 'invalidRequest', message: parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors: parsed.errors },
  };
}
