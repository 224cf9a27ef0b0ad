/**
 * What an administrator may see and do in the notification outbox (the admin API, `npm run outbox`). Implemented
 * over the outbox's storage in `notifications/outboxAdmin.ts`; used by `ops/adminApi.ts` and the metrics.
 */

export const OUTBOX_STATES = ['queued', 'pending', 'failed', 'delivered'] as const;
/** `pending`: the recipient has not installed the bot; `failed`: given up; `delivered` items are kept a day. */
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Where a listing goes on: after this item (acceptance order, then id). */
export interface OutboxCursor {
  order: number;
  id: string;
}

export interface OutboxItemView {
  /** The outbox's own id (a UUID): what requeue and drop take. */
  id: string;
  /** The id the sender gave, or the one the webhook answered. */
  notificationId: string;
  state: OutboxState;
  event: string;
  taskId: number;
  recipient: { aadObjectId?: string; userPrincipalName?: string; email?: string };
  attempts: number;
  lastError: { failure: string; status: number | null; message: string; at: string } | null;
  nextAttemptAt: string | null;
  /** Set while an instance is delivering the item (its lease). */
  deliveringUntil: string | null;
  acceptedAt: string;
  updatedAt: string;
  /** For the next page's cursor. */
  order: number;
}

export interface OutboxListQuery {
  state: OutboxState;
  limit: number;
  after: OutboxCursor | null;
  /** Only items accepted before this instant. */
  acceptedBefore: Date | null;
}

export interface OutboxPage {
  items: OutboxItemView[];
  /** Null on the last page. */
  next: OutboxCursor | null;
}

/**
 * Items accepted before this instant are older than `ageMs`: the one cutoff of "pending over age"
 * (`OUTBOX_PENDING_REPORT_AGE`, in the metrics, the admin API and the pending report) and of a listing's `olderThan`.
 */
export function acceptedCutoff(now: Date, ageMs: number): Date {
  return new Date(now.getTime() - ageMs);
}

export type OutboxCounts = Record<OutboxState, number> & {
  /** Pending items accepted before the cutoff the caller gave. */
  pendingOverAge: number;
};

export type OutboxChange =
  | { kind: 'done'; item: OutboxItemView }
  | { kind: 'notFound' }
  /** The item is in a state that does not allow it, or changed meanwhile; `reason` says which, for the caller. */
  | { kind: 'conflict'; reason: string };

export interface OutboxAdmin {
  counts(pendingCutoff: Date): Promise<OutboxCounts>;
  list(query: OutboxListQuery): Promise<OutboxPage>;
  get(id: string): Promise<OutboxItemView | null>;
  /** A failed or pending item is queued for delivery now (attempts start again). */
  requeue(id: string): Promise<OutboxChange>;
  /** The item is deleted; its notification id stays known, so a sender repeating it gets `duplicate`. */
  drop(id: string): Promise<OutboxChange>;
}
