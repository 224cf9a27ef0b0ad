import type { ConversationRef } from './installation';

/** An Adaptive Card as JSON. */
export type CardJson = Record<string, unknown>;

/**
 * A card as a message: the card, and the text Teams previews it with in the chat list and the notification (the
 * activity's `summary`; without one Teams says only "Sent a card").
 */
export interface CardMessage {
  card: CardJson;
  summary: string;
}

/**
 * Sends and replaces cards in a user's conversation. Implemented in `bot/` on top of the Bot Connector (and wrapped
 * by `notifications/throttledChannel.ts`); the use cases in `tasks/` and the outbox only see this port. Failures are thrown as `DeliveryError`.
 */
export interface CardChannel {
  /** Posts a card; resolves to the new activity id. */
  sendCard(reference: ConversationRef, message: CardMessage): Promise<string>;
  /** Replaces the card in activity `activityId`. */
  updateCard(reference: ConversationRef, activityId: string, message: CardMessage): Promise<void>;
}

/**
 * Why a send to Teams failed, as the delivery queue needs to know it:
 * - `throttled`: 429 (or 412) — retry after `retryAfterMs` when Teams said so, else with backoff;
 * - `transient`: 502/503/504, timeouts, network errors — retry with backoff;
 * - `blocked`: 403 MessageWritesBlocked, or the bot was uninstalled — stop, do not retry;
 * - `notFound`: the conversation or activity no longer exists (404) — the caller decides (e.g. send anew);
 * - `permanent`: anything else (400 etc.) — stop, do not retry.
 */
export type DeliveryFailure = 'throttled' | 'transient' | 'blocked' | 'notFound' | 'permanent';

export class DeliveryError extends Error {
  constructor(
    readonly failure: DeliveryFailure,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
