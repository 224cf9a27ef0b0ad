import { request } from 'node:http';
import { TEAMS_ERRORS } from '../helpers/fakeConnector';
import { useHarness, NOTIFY_KEY, type Harness } from '../helpers/harness';
import { ADMIN_KEY, adminCall, ISO_INSTANT, OLD_ADMIN_KEY, UUID } from '../helpers/ops';
import { ALEX, JAN } from '../helpers/teamsActivities';

type Item = { id: string; notificationId: string; state: string; attempts: number };
type Page = { state: string; items: Item[]; next: string | null };

const items = (h: Harness, query: string, key?: string) => adminCall(h.botUrl, 'GET', `/api/admin/outbox/items?${query}`, key);
const cardsTo = (h: Harness, conversationId: string) =>
  h.connector.calls.filter(
    (c) => c.method === 'POST' && c.status < 300 && c.conversationId === conversationId && Array.isArray(c.body?.attachments),
  );

/** A raw request, so that the path reaches the bot exactly as written (fetch would normalise `..`). */
function rawGet(baseUrl: string, path: string, key: string): Promise<number> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers: { authorization: `Bearer ${key}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the outbox admin API (/api/admin/outbox, ADMIN_API_KEY)', () => {
  const h = useHarness({ harness: { env: { ADMIN_API_KEY: `${ADMIN_KEY},${OLD_ADMIN_KEY}` } } });

  /** Alex's notification fails for good (Teams answers 403: the user blocked the bot); Jan's waits (not installed). */
  async function failedAndPending(): Promise<{ failedId: string; pendingId: string }> {
    await h.install(ALEX);
    h.connector.failNext({ method: 'POST', path: ALEX.conversationId, status: 403, body: TEAMS_ERRORS.conversationBlockedByUser });
    const failed = await h.notify(h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }));
    const pending = await h.notify(h.sim.notificationFor(45, { email: JAN.email }));
    await h.idle();
    return { failedId: (failed.body as { id: string }).id, pendingId: (pending.body as { id: string }).id };
  }

  it('lists the failed item and the pending one with recipient, task, event, attempts, last error and times', async () => {
    const { failedId, pendingId } = await failedAndPending();

    expect(await items(h, 'state=failed')).toEqual({
      status: 200,
      body: {
        state: 'failed',
        next: null,
        items: [
          {
            id: expect.stringMatching(UUID),
            notificationId: failedId,
            state: 'failed',
            event: 'task.assigned',
            taskId: 42,
            recipient: { userPrincipalName: ALEX.userPrincipalName },
            attempts: 1,
            lastError: { failure: 'blocked', status: 403, message: expect.stringContaining('403'), at: expect.stringMatching(ISO_INSTANT) },
            nextAttemptAt: null,
            deliveringUntil: null,
            acceptedAt: expect.stringMatching(ISO_INSTANT),
            updatedAt: expect.stringMatching(ISO_INSTANT),
          },
        ],
      },
    });
    expect(await items(h, 'state=pending')).toEqual({
      status: 200,
      body: {
        state: 'pending',
        next: null,
        items: [
          {
            id: expect.stringMatching(UUID),
            notificationId: pendingId,
            state: 'pending',
            event: 'task.assigned',
            taskId: 45,
            recipient: { email: JAN.email },
            attempts: 0,
            lastError: null,
            nextAttemptAt: null,
            deliveringUntil: null,
            acceptedAt: expect.stringMatching(ISO_INSTANT),
            updatedAt: expect.stringMatching(ISO_INSTANT),
          },
        ],
      },
    });
    expect(await items(h, 'state=queued')).toEqual({ status: 200, body: { state: 'queued', items: [], next: null } });
    expect(await adminCall(h.botUrl, 'GET', '/api/admin/outbox/counts')).toEqual({
      status: 200,
      body: { counts: { queued: 0, pending: 1, failed: 1, delivered: 0 }, pendingOverAge: 0, pendingReportAge: '7d' },
    });
  });

  it('accepts both keys during a rotation, and refuses a wrong key, the senders’ key and no key with 401', async () => {
    const unauthorized = {
      status: 401,
      body: { error: 'unauthorized', message: 'Send the admin key as "Authorization: Bearer <ADMIN_API_KEY>".' },
    };
    const counts = (key: string | null) => adminCall(h.botUrl, 'GET', '/api/admin/outbox/counts', key);
    expect((await counts(ADMIN_KEY)).status).toBe(200);
    expect((await counts(OLD_ADMIN_KEY)).status).toBe(200);
    expect(await counts(`${ADMIN_KEY}x`)).toEqual(unauthorized);
    expect(await counts(NOTIFY_KEY)).toEqual(unauthorized);
    expect(await counts(null)).toEqual(unauthorized);
    expect(await adminCall(h.botUrl, 'POST', `/api/admin/outbox/items/${crypto.randomUUID()}/requeue`, 'wrong-key-0123456789')).toEqual(
      unauthorized,
    );
    expect(await adminCall(h.botUrl, 'DELETE', `/api/admin/outbox/items/${crypto.randomUUID()}`, null)).toEqual(unauthorized);
  });

  it('requeues a failed item once Teams takes messages again, and it is delivered', async () => {
    await failedAndPending();
    const [failed] = ((await items(h, 'state=failed')).body as Page).items;
    expect(cardsTo(h, ALEX.conversationId)).toEqual([]);

    const requeued = await adminCall(h.botUrl, 'POST', `/api/admin/outbox/items/${failed?.id}/requeue`, OLD_ADMIN_KEY);
    expect(requeued).toEqual({
      status: 200,
      body: { requeued: expect.objectContaining({ id: failed?.id, state: 'queued', attempts: 0, nextAttemptAt: null }) },
    });
    await h.idle();

    expect(cardsTo(h, ALEX.conversationId)).toHaveLength(1);
    expect(await items(h, 'state=failed')).toEqual({ status: 200, body: { state: 'failed', items: [], next: null } });
    expect(((await items(h, 'state=delivered')).body as Page).items).toEqual([
      expect.objectContaining({ id: failed?.id, state: 'delivered', attempts: 1 }),
    ]);
    // Delivered is not a state to requeue from.
    expect(await adminCall(h.botUrl, 'POST', `/api/admin/outbox/items/${failed?.id}/requeue`)).toEqual({
      status: 409,
      body: {
        error: 'conflict',
        message: `Outbox item ${failed?.id}: the item is delivered; only failed and pending items can be requeued.`,
      },
    });
  });

  it('requeues a pending item: it is tried at once and waits again while the recipient has not installed', async () => {
    await failedAndPending();
    const [pending] = ((await items(h, 'state=pending')).body as Page).items;

    const requeued = await adminCall(h.botUrl, 'POST', `/api/admin/outbox/items/${pending?.id}/requeue`);
    expect(requeued.status).toBe(200);
    await h.idle();

    expect(((await items(h, 'state=pending')).body as Page).items).toEqual([
      expect.objectContaining({ id: pending?.id, state: 'pending', attempts: 1 }),
    ]);
    await h.install(JAN);
    await h.idle();
    expect(cardsTo(h, JAN.conversationId)).toHaveLength(1);
  });

  it('drops an item: it is gone, never delivered, and the same notification sent again is a duplicate', async () => {
    await failedAndPending();
    const [pending] = ((await items(h, 'state=pending')).body as Page).items;

    const dropped = await adminCall(h.botUrl, 'DELETE', `/api/admin/outbox/items/${pending?.id}`);
    expect(dropped).toEqual({ status: 200, body: { dropped: expect.objectContaining({ id: pending?.id, state: 'pending' }) } });
    expect(await adminCall(h.botUrl, 'GET', `/api/admin/outbox/items/${pending?.id}`)).toEqual({
      status: 404,
      body: { error: 'notFound', message: `No outbox item ${pending?.id} (delivered items are kept a day, failed ones 7 days).` },
    });
    expect(await adminCall(h.botUrl, 'DELETE', `/api/admin/outbox/items/${pending?.id}`)).toMatchObject({ status: 404 });

    await h.install(JAN);
    await h.idle();
    expect(cardsTo(h, JAN.conversationId)).toEqual([]);
    expect(await h.notify(h.sim.notificationFor(45, { email: JAN.email }))).toEqual({
      status: 202,
      body: { id: pending?.notificationId, status: 'duplicate' },
    });
  });

  it('pages through a state in acceptance order', async () => {
    const accepted: string[] = [];
    for (const taskId of [42, 43, 44, 45]) {
      accepted.push(((await h.notify(h.sim.notificationFor(taskId, { email: JAN.email }))).body as { id: string }).id);
    }
    const first = (await items(h, 'state=pending&limit=3')).body as Page;
    expect(first.items.map((i) => i.notificationId)).toEqual(accepted.slice(0, 3));
    expect(first.next).toMatch(/^\d+_[0-9a-f-]{36}$/);
    const second = (await items(h, `state=pending&limit=3&cursor=${first.next}`)).body as Page;
    expect(second).toEqual({ state: 'pending', items: [expect.objectContaining({ notificationId: accepted[3] })], next: null });
    // Accepted just now: none is older than a minute.
    expect((await items(h, 'state=pending&olderThan=1m')).body).toEqual({ state: 'pending', items: [], next: null });
  });

  it('answers hostile and malformed requests with 400 or 404 naming the problem, never 500', async () => {
    const problem = async (path: string, method = 'GET') => {
      const answer = await adminCall(h.botUrl, method, path);
      return { status: answer.status, message: (answer.body as { message?: string } | null)?.message };
    };
    const badId = 'id: must be an outbox item id (a UUID, as the list shows it)';
    expect(await problem('/api/admin/outbox/items/42')).toEqual({ status: 400, message: badId });
    expect(await problem('/api/admin/outbox/items/..%2F..%2Fetc%2Fpasswd')).toEqual({ status: 400, message: badId });
    expect(await problem(`/api/admin/outbox/items/${'a'.repeat(99)}/requeue`, 'POST')).toEqual({ status: 400, message: badId });
    // Longer than restify takes as a path parameter: no route matches.
    expect(await problem(`/api/admin/outbox/items/${'a'.repeat(5000)}/requeue`, 'POST')).toMatchObject({ status: 404 });
    expect(await problem('/api/admin/outbox/items/%00', 'DELETE')).toEqual({ status: 400, message: badId });
    expect(await problem(`/api/admin/outbox/items/${crypto.randomUUID()}/requeue`, 'POST')).toMatchObject({ status: 404 });
    expect(await problem(`/api/admin/outbox/items/${crypto.randomUUID()}`, 'DELETE')).toMatchObject({ status: 404 });

    const refusals: Array<[string, string]> = [
      ['', 'state: is required: queued, pending, failed or delivered'],
      ['state=lost', 'state: must be queued, pending, failed or delivered'],
      ['state=failed&limit=100000000', 'limit: must be a whole number from 1 to 500'],
      ['state=failed&limit=501', 'limit: must be at most 500'],
      ['state=failed&limit=0', 'limit: must be at least 1'],
      ['state=failed&limit=-1', 'limit: must be a whole number from 1 to 500'],
      ['state=failed&state=pending', 'state: must be queued, pending, failed or delivered'],
      ['state=failed&cursor=..%2F..', 'cursor: must be the `next` value of the previous page'],
      ['state=failed&olderThan=forever', 'olderThan: must be a whole number and a unit: s, m, h or d (e.g. 7d, 36h, 30m)'],
      ['state=failed&extra=1', 'query: Unrecognized key: "extra"'],
    ];
    const answers = [];
    for (const [query] of refusals) answers.push(await problem(`/api/admin/outbox/items?${query}`));
    expect(answers).toEqual(refusals.map(([, message]) => ({ status: 400, message })));
    // The query parser drops keys that would reach an object's prototype.
    expect(await adminCall(h.botUrl, 'GET', '/api/admin/outbox/items?state=failed&__proto__[x]=1')).toEqual({
      status: 200,
      body: { state: 'failed', items: [], next: null },
    });

    // Sent as written: dot segments and broken escapes reach the router.
    expect(await rawGet(h.botUrl, '/api/admin/outbox/items/../../../etc/passwd', ADMIN_KEY)).toBe(404);
    expect(await rawGet(h.botUrl, '/api/admin/outbox/items/%E0%A4%A', ADMIN_KEY)).toBe(404);
    expect(await rawGet(h.botUrl, '/api/admin/outbox/items/a%2F..%2F..', ADMIN_KEY)).toBe(400);
  });
});

describe('the admin API without ADMIN_API_KEY', () => {
  const h = useHarness();

  it('does not exist: 404 with any key, and /metrics neither', async () => {
    for (const path of ['/api/admin/outbox/counts', '/api/admin/outbox/items?state=failed', '/metrics']) {
      expect((await adminCall(h.botUrl, 'GET', path)).status).toBe(404);
      expect((await adminCall(h.botUrl, 'GET', path, null)).status).toBe(404);
    }
    expect((await adminCall(h.botUrl, 'POST', `/api/admin/outbox/items/${crypto.randomUUID()}/requeue`)).status).toBe(404);
  });
});
