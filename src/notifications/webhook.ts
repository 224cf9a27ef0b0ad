import { BearerKeys } from '../bearerKeys';
import type { Logger } from '../core/logger';
import type { Outbox } from './outbox';
import { parseNotificationBody } from './schema';
import type { AcceptedBatch, AcceptedNotification, InvalidBody, Refusal } from './webhookResponses';

/** Bodies above this are refused with 413, by the HTTP edge while reading. */
export const MAX_NOTIFICATION_BYTES = 256 * 1024;

export type WebhookResponse =
  | { status: 202; body: AcceptedNotification | AcceptedBatch }
  | { status: 400; body: InvalidBody }
  | { status: 401 | 413 | 415 | 503; body: Refusal };

/** Who sent a request: the fingerprint of the key it carried (never the key). */
export interface Sender {
  keyFingerprint: string;
}

/**
 * `POST /api/notifications`, framework-free: the bearer key (checked before the body is read), then the schema,
 * then the outbox. Size, media type and JSON syntax are the HTTP edge's (server.ts). Every refusal names what was
 * wrong; an accepted notification is durably queued before the 202. The accepted keys
 * are one, or two during a rotation; the log names the one a request used by its fingerprint.
 */
export class NotificationWebhook {
  private readonly keys: BearerKeys;

  constructor(private readonly deps: { apiKeys: readonly string[]; outbox: Outbox; logger: Logger }) {
    this.keys = new BearerKeys(deps.apiKeys);
  }

  /** The sender of a request with one of the keys, or the 401 (checked before the body is read). */
  authorize(authorization: string | undefined): Sender | WebhookResponse {
    const keyFingerprint = this.keys.match(authorization);
    if (keyFingerprint !== null) return { keyFingerprint };
    return {
      status: 401,
      body: { error: 'unauthorized', message: 'Send the notification key as "Authorization: Bearer <NOTIFY_API_KEY>".' },
    };
  }

  /** The parsed JSON body of an authorized request: 400 naming every invalid field, or stored and 202. */
  async accept(json: unknown, sender: Sender, form: 'either' | 'batch' = 'either'): Promise<WebhookResponse> {
    const parsed = parseNotificationBody(json, form);
    if (!parsed.ok) {
      return { status: 400, body: { error: 'invalidNotification', message: describe(parsed.errors), errors: parsed.errors } };
    }
    let results: AcceptedNotification[];
    try {
      results = await this.deps.outbox.accept(parsed.notifications);
    } catch (err) {
      this.deps.logger.error({ err, ...sender, count: parsed.notifications.length }, 'notifications could not be stored');
      return unavailable();
    }
    this.deps.logger.info({ results, ...sender }, 'notifications accepted');
    const [single] = results;
    return { status: 202, body: parsed.batch || single === undefined ? { results } : single };
  }
}

/** Storage failed: nothing internal goes out; a repeat with the same ids is safe (stored items answer `duplicate`). */
function unavailable(): WebhookResponse {
  return {
    status: 503,
    body: {
      error: 'unavailable',
      message: 'The notifications could not be stored just now. Send the same body again later (with the same ids).',
    },
  };
}

function describe(errors: Array<{ path: string; message: string }>): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}
