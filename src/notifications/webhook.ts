import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../core/logger';
import type { Outbox } from './outbox';
import { parseNotificationBody } from './schema';

/** Bodies above this are refused with 413 (docs/admin-guide.md §8.2). */
export const MAX_NOTIFICATION_BYTES = 256 * 1024;

export interface WebhookRequest {
  authorization: string | undefined;
  contentType: string | undefined;
  /** The body, or null when it was over the limit (then only its size was counted). */
  body: Buffer | null;
  bytes: number;
}

export interface WebhookResponse {
  status: 202 | 400 | 401 | 413 | 415;
  body: unknown;
}

/**
 * `POST /api/notifications`, framework-free: bearer key, size, JSON, schema, then the outbox. Every refusal names
 * what was wrong; an accepted notification is durably queued before the 202.
 */
export class NotificationWebhook {
  private readonly keyDigest: Buffer;

  constructor(private readonly deps: { apiKey: string; outbox: Outbox; logger: Logger }) {
    this.keyDigest = digest(deps.apiKey);
  }

  async handle(request: WebhookRequest): Promise<WebhookResponse> {
    if (!this.authorized(request.authorization)) {
      return {
        status: 401,
        body: { error: 'unauthorized', message: 'Send the notification key as "Authorization: Bearer <NOTIFY_API_KEY>".' },
      };
    }
    if (request.body === null || request.bytes > MAX_NOTIFICATION_BYTES) return tooLarge(request.bytes);
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(request.contentType ?? '')) {
      return { status: 415, body: { error: 'unsupportedMediaType', message: 'Content-Type must be application/json.' } };
    }
    let json: unknown;
    try {
      json = JSON.parse(request.body.toString('utf8'));
    } catch (err) {
      return { status: 400, body: { error: 'invalidJson', message: `The body is not valid JSON: ${(err as Error).message}`, errors: [] } };
    }
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

function tooLarge(bytes: number): WebhookResponse {
  return {
    status: 413,
    body: {
      error: 'payloadTooLarge',
      message: `The body is ${bytes} bytes; the limit is ${MAX_NOTIFICATION_BYTES} bytes (256 KiB). Send fewer notifications per batch.`,
    },
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function describe(errors: Array<{ path: string; message: string }>): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}
