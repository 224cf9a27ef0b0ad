import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { notificationsOpenApi } from '../../src/notifications/openapi';
import { useHarness } from '../helpers/harness';
import { ALEX } from '../helpers/teamsActivities';

const NEW_KEY = 'rotated-new-key-0123456789';
const OLD_KEY = 'rotated-old-key-9876543210';
const fingerprint = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 8);

const logText: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logText.push(chunk.toString('utf8'));
    done();
  },
});

describe('the webhook as a published contract, over HTTP', () => {
  const h = useHarness({
    per: 'file',
    install: [ALEX],
    harness: { env: { NOTIFY_API_KEY: `${NEW_KEY}, ${OLD_KEY}` }, logger: createLogger('info', logSink) },
  });
  const post = (path: string, body: unknown, key: string) =>
    fetch(`${h.botUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: await response.json() }));
  const notification = (taskId: number, id: string) => ({
    ...h.sim.notificationFor(taskId, { userPrincipalName: ALEX.userPrincipalName }),
    id,
  });

  it('accepts both keys during a rotation and logs which one each request used, by fingerprint only', async () => {
    const withNew = await post('/api/notifications', notification(42, 'rotation-new'), NEW_KEY);
    const withOld = await post('/api/notifications', notification(43, 'rotation-old'), OLD_KEY);
    const withNeither = await post('/api/notifications', notification(44, 'rotation-none'), 'some-other-key-0123456789');

    expect([withNew, withOld, withNeither]).toEqual([
      { status: 202, body: { id: 'rotation-new', status: 'queued' } },
      { status: 202, body: { id: 'rotation-old', status: 'queued' } },
      {
        status: 401,
        body: { error: 'unauthorized', message: 'Send the notification key as "Authorization: Bearer <NOTIFY_API_KEY>".' },
      },
    ]);
    const accepted = logText
      .map((line) => JSON.parse(line) as { msg: string; keyFingerprint?: string; results?: unknown })
      .filter((line) => line.msg === 'notifications accepted');
    expect(accepted.map((line) => [line.keyFingerprint, line.results])).toEqual([
      [fingerprint(NEW_KEY), [{ id: 'rotation-new', status: 'queued' }]],
      [fingerprint(OLD_KEY), [{ id: 'rotation-old', status: 'queued' }]],
    ]);
    expect(logText.join('')).not.toContain(NEW_KEY);
    expect(logText.join('')).not.toContain(OLD_KEY);
  });

  it('takes a batch on /api/notifications/batch (the connector’s batch operation), and only a batch', async () => {
    const batch = await post('/api/notifications/batch', { notifications: [notification(46, 'batch-path-46')] }, NEW_KEY);
    const single = await post('/api/notifications/batch', notification(46, 'batch-path-single'), NEW_KEY);

    expect(batch).toEqual({ status: 202, body: { results: [{ id: 'batch-path-46', status: 'queued' }] } });
    expect(single).toEqual({
      status: 400,
      body: { error: 'invalidNotification', message: 'notifications: required', errors: [{ path: 'notifications', message: 'required' }] },
    });
  });

  it('serves its OpenAPI document without authentication, the same as the committed file', async () => {
    const response = await fetch(`${h.botUrl}/api/notifications/openapi.json`);
    const committed = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi/notifications.openapi.json'), 'utf8')) as unknown;

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const served = await response.json();
    expect(served).toEqual(committed);
    expect(served).toEqual(notificationsOpenApi());
  });
});
