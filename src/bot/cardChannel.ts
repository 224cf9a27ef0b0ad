import { CardFactory, MessageFactory, type Activity, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { DeliveryError, type CardChannel, type CardMessage } from '../core/cardChannel';
import type { ConversationRef } from '../core/installation';
import { parseRetryAfter } from './retryAfter';

/**
 * Proactive sends and card replacements through the Bot Connector (continueConversationAsync on the stored
 * reference). Connector failures are translated into `DeliveryError`s the delivery queue understands.
 */
export class BotCardChannel implements CardChannel {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async sendCard(reference: ConversationRef, message: CardMessage): Promise<string> {
    return this.inConversation(reference, async (context) => {
      const response = await context.sendActivity(cardActivity(message));
      return response?.id ?? '';
    });
  }

  async updateCard(reference: ConversationRef, activityId: string, message: CardMessage): Promise<void> {
    await this.inConversation(reference, async (context) => {
      await context.updateActivity({ ...cardActivity(message), id: activityId });
    });
  }

  /** Runs `logic` in the user's conversation, outside any turn of theirs (Bot Connector failures as `DeliveryError`s). */
  async inConversation<T>(reference: ConversationRef, logic: (context: TurnContext) => Promise<T>): Promise<T> {
    // The adapter hands an error thrown inside the turn to onTurnError and resolves; catch it here so a failed send
    // is never taken for a delivered one.
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference as Partial<ConversationReference>, async (context) => {
        try {
          outcome = { ok: true, value: await logic(context) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (err) {
      throw toDeliveryError(err);
    }
    const settled = outcome as { ok: true; value: T } | { ok: false; error: unknown } | null;
    if (!settled) throw new DeliveryError('transient', 'Bot Connector: the turn ended without running');
    if (!settled.ok) throw toDeliveryError(settled.error);
    return settled.value;
  }
}

/** A card message with its preview text (`summary`), which Teams shows in the chat list and the notification. */
export function cardActivity(message: CardMessage): Partial<Activity> {
  return { ...MessageFactory.attachment(CardFactory.adaptiveCard(message.card)), summary: message.summary };
}

interface ConnectorErrorShape {
  statusCode?: number;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined }; bodyAsText?: string | null };
}

/**
 * Maps a Bot Connector error onto what the queue should do: 429 and 412 are Teams throttling (with Retry-After when
 * Teams sent one), 403 with MessageWritesBlocked and friends means the user blocked or removed the bot, 404 a
 * conversation or activity that no longer exists, 408 and 5xx (or no answer at all) an outage.
 */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (err ?? {}) as ConnectorErrorShape;
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  const body = e.response?.bodyAsText ?? '';
  const message = `Bot Connector: ${status ?? 'no status'} ${e.message ?? ''}`.trim();
  if (status === null) return new DeliveryError('transient', message);
  const retryAfter = parseRetryAfter(e.response?.headers?.get?.('retry-after') ?? null, new Date());
  if (status === 429 || status === 412) return new DeliveryError('throttled', message, status, retryAfter);
  if (status === 403) {
    const blocked = /MessageWritesBlocked|ConversationBlockedByUser|BotNotInConversationRoster|BotDisabledByAdmin/i.test(body + message);
    return new DeliveryError(blocked ? 'blocked' : 'permanent', message, status);
  }
  if (status === 404) return new DeliveryError('notFound', message, status);
  if (status === 408 || status >= 500) return new DeliveryError('transient', message, status, retryAfter);
  return new DeliveryError('permanent', message, status);
}
