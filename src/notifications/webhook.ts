import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../logger';
import type { Outbox } from './outbox';
import { parseNotificationBody } from './schema';

/** Bodies above this are refused with 413, by the HTTP edge while reading. */
export const MAX_NOTIFICATION_BYTES = 256 * 1024;

export interface WebhookResponse {
  status: 202 | 400 | 401;
  body: unknown;
}

/**
 * `POST /api/notifications`, framework-free: the bearer key (checked before the body is read), then the schema,
 * then the outbox. Size, media type and JSON syntax are the HTTP edge's (server.ts). Every refusal names what was
 * wrong; an accepted notification is durably queued before the 202.
 */
export class NotificationWebhook {
  private readonly keyDigest: Buffer;

  constructor(private readonly deps: { apiKey: string; outbox: Outbox; logger: Logger }) {
    this.keyDigest = digest(deps.apiKey);
  }

  /** The 401 for a missing or wrong key, or null when the caller may send its body. */
  authorize(authorization: string | undefined): WebhookResponse | null {
    if (this.authorized(authorization)) return null;
    return {
      status: 401,
      body: { error: 'unauthorized', message: 'Send the notification key as "Authorization: Bearer <NOTIFY_API_KEY>".' },
    };
  }

  /** The parsed JSON body of an authorized request. */
  async accept(json: unknown): Promise<WebhookResponse> {
    const parsed = parseNotificationBody(json);
    if (!parsed.ok) {
      return { status: 400, body: { error: 'invalidNotification', message: describe(parsed.errors), errors: parsed.errors } };
    }
    const results = await this.deps.outbox.accept(parsed.notifications);
    this.deps.logger.info({ results }, 'notifications accepted');
    return { status: 202, body: parsed.batch ? { results } : results[0] };
  }

  /** Compares digests so the comparison takes the same time whatever the key's length. */
  private authorized(header: string | undefined): boolean {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match?.[1]) return false;
    return timingSafeEqual(digest(match[1].trim()), this.keyDigest);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function describe(errors: Array<{ path: string; message: string }>): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}
