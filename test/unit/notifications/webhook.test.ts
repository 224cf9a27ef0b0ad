import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { keyFingerprint } from '../../../src/bearerKeys';
import { createLogger } from '../../../src/logger';
import { Outbox } from '../../../src/notifications/outbox';
import { NotificationWebhook } from '../../../src/notifications/webhook';
import type { StorageChange } from '../../../src/storage/storage';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { FakeClock, ManualTicker, rawNotification } from './fixtures';
import { ScriptedHandler } from './outboxHarness';

const NEW_KEY = 'new-key-0123456789abcdef';
const OLD_KEY = 'old-key-0123456789abcdef';

/** A storage whose writes fail as an unreachable backend's do, naming the key in the error. */
class BrokenStorage extends MemoryStorage {
  override batch(changes: StorageChange[]): Promise<number> {
    const key = changes.at(-1)?.key ?? '';
    return Promise.reject(new Error(`AzureBlobStorage: creating "${key}" in container "bot" failed: 503 ServerBusy`));
  }
}

function setUp(storage = new MemoryStorage()) {
  const lines: Array<Record<string, unknown>> = [];
  const text: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text.push(chunk.toString('utf8'));
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger('info', sink);
  const clock = new FakeClock();
  const outbox = new Outbox({
    storage,
    handler: new ScriptedHandler(clock),
    isInstalled: () => Promise.resolve(true),
    clock,
    logger,
    every: new ManualTicker().every,
  });
  const webhook = new NotificationWebhook({ apiKeys: [NEW_KEY, OLD_KEY], outbox, logger });
  const post = async (authorization: string | undefined, body: unknown) => {
    const sender = webhook.authorize(authorization);
    return 'status' in sender ? sender : webhook.accept(body, sender);
  };
  return { post, lines, text };
}

describe('keyFingerprint()', () => {
  it('is the first 8 hex digits of the key’s SHA-256', () => {
    expect(keyFingerprint(NEW_KEY)).toBe(createHash('sha256').update(NEW_KEY).digest('hex').slice(0, 8));
    expect(keyFingerprint(NEW_KEY)).not.toBe(keyFingerprint(OLD_KEY));
  });
});

describe('NotificationWebhook during a key rotation', () => {
  it('accepts the new and the old key, logging which one by its fingerprint and never the key', async () => {
    const { post, lines, text } = setUp();
    const withNew = await post(`Bearer ${NEW_KEY}`, rawNotification({ id: 'by-new' }));
    const withOld = await post(`bearer   ${OLD_KEY}  `, rawNotification({ id: 'by-old' }));

    expect([withNew, withOld]).toEqual([
      { status: 202, body: { id: 'by-new', status: 'queued' } },
      { status: 202, body: { id: 'by-old', status: 'queued' } },
    ]);
    const accepted = lines.filter((line) => line.msg === 'notifications accepted');
    expect(accepted.map((line) => [line.keyFingerprint, line.results])).toEqual([
      [keyFingerprint(NEW_KEY), [{ id: 'by-new', status: 'queued' }]],
      [keyFingerprint(OLD_KEY), [{ id: 'by-old', status: 'queued' }]],
    ]);
    expect(text.join('')).not.toContain(NEW_KEY);
    expect(text.join('')).not.toContain(OLD_KEY);
  });

  it.each([
    ['no header', undefined],
    ['a third key', 'Bearer third-key-0123456789abcdef'],
    ['both keys at once', `Bearer ${NEW_KEY},${OLD_KEY}`],
    ['a prefix of a key', `Bearer ${NEW_KEY.slice(0, -1)}`],
    ['the key with another scheme', `Basic ${NEW_KEY}`],
  ])('refuses %s with 401', async (_label, authorization) => {
    const { post } = setUp();
    expect(await post(authorization, rawNotification())).toEqual({
      status: 401,
      body: { error: 'unauthorized', message: 'Send the notification key as "Authorization: Bearer <NOTIFY_API_KEY>".' },
    });
  });
});

describe('NotificationWebhook when storage fails', () => {
  it('answers 503 with a neutral body (no storage key), and logs the failure', async () => {
    const { post, lines } = setUp(new BrokenStorage());
    const response = await post(`Bearer ${NEW_KEY}`, rawNotification({ id: 'while-down' }));

    expect(response).toEqual({
      status: 503,
      body: {
        error: 'unavailable',
        message: 'The notifications could not be stored just now. Send the same body again later (with the same ids).',
      },
    });
    const failure = lines.find((line) => line.msg === 'notifications could not be stored');
    expect(failure).toMatchObject({ level: 50, keyFingerprint: keyFingerprint(NEW_KEY), count: 1 });
    expect(JSON.stringify(failure)).toContain('outbox-key/');
  });
});
