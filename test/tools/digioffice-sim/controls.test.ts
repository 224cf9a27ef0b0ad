import { TRANSITION_IDS } from '../../../tools/digioffice-sim';
import { eventually } from '../../helpers/eventually';
import { call, signIn, type StartedSim, startSim, useSignedInSim } from './simHttp';

/** The test controls, through the JS API and over HTTP under /_sim/. */

const FINISH = '/api/workflowtasks/finish';
const approve42 = { TaskIDs: [42], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] };

describe('DigiOffice simulator controls', () => {
  const ctx = useSignedInSim({ clearRequests: true });

  describe('request recording', () => {
    it('records every DigiOffice request in order with method, path, query, lower-cased headers, body and status', async () => {
      await call(ctx.s.url, 'GET', '/api/ping?Format=json', { headers: { 'X-Trace': 'abc' } });
      await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body: approve42 });
      await call(ctx.s.url, 'GET', '/api/nowhere');

      const requests = ctx.s.sim.requests;
      expect(requests.map((r) => [r.method, r.path, r.status])).toEqual([
        ['GET', '/api/ping', 200],
        ['POST', FINISH, 204],
        ['GET', '/api/nowhere', 404],
      ]);
      expect(requests[0]).toMatchObject({ query: { Format: 'json' }, body: null });
      expect(requests[0]?.headers['x-trace']).toBe('abc');
      expect(requests[1]?.body).toEqual(approve42);
    });

    it('records a body that is not JSON as null', async () => {
      await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, rawBody: 'not json' });

      expect(ctx.s.sim.requestsTo('post', FINISH).map((r) => [r.body, r.status])).toEqual([[null, 400]]);
    });

    it('does not record /_sim/ control requests, and clearRequests() forgets everything', async () => {
      await call(ctx.s.url, 'GET', '/api/ping');
      await call(ctx.s.url, 'GET', '/_sim/requests');
      expect(ctx.s.sim.requests).toHaveLength(1);

      ctx.s.sim.clearRequests();

      expect(ctx.s.sim.requests).toEqual([]);
    });
  });

  describe('failNext', () => {
    it('fails the next matching request once with a ServiceStack error body, changing nothing', async () => {
      ctx.s.sim.failNext('POST', FINISH, 503);

      const failed = await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body: approve42 });
      const stateAfterFailure = ctx.s.sim.taskState(42)?.status;
      const next = await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body: approve42 });

      expect([failed.status, failed.statusText, failed.body]).toEqual([
        503,
        'ServiceUnavailable',
        { ResponseStatus: { ErrorCode: 'ServiceUnavailable', Message: 'Simulated failure', Errors: [] } },
      ]);
      expect(stateAfterFailure).toBe('open');
      expect(next.status).toBe(204);
      expect(ctx.s.sim.requestsTo('POST', FINISH).map((r) => r.status)).toEqual([503, 204]);
    });

    it('answers a given JSON body, or a string as is (a proxy page)', async () => {
      ctx.s.sim.failNext('POST', FINISH, 400, { ResponseStatus: { ErrorCode: 'Custom', Message: 'm', Errors: [] } });
      ctx.s.sim.failNext('GET', '/api/ping', 502, '<html>Bad Gateway</html>');

      const json = await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body: approve42 });
      const html = await call(ctx.s.url, 'GET', '/api/ping');

      expect([json.status, json.statusText, json.body]).toEqual([
        400,
        'Custom',
        { ResponseStatus: { ErrorCode: 'Custom', Message: 'm', Errors: [] } },
      ]);
      expect([html.status, html.headers.get('content-type'), html.text]).toEqual([502, 'text/html', '<html>Bad Gateway</html>']);
    });

    it('answers the exact Not Authenticated body for a forced 401', async () => {
      ctx.s.sim.failNext('GET', '/api/users/me/info', 401);

      const result = await call(ctx.s.url, 'GET', '/api/users/me/info', { token: ctx.alex });

      expect([result.status, result.statusText, result.body]).toEqual([
        401,
        'Not Authenticated',
        { ResponseStatus: { ErrorCode: 'Not Authenticated', Message: 'Not Authenticated' } },
      ]);
    });

    it('leaves other routes and verbs alone', async () => {
      ctx.s.sim.failNext('POST', FINISH, 500);

      expect((await call(ctx.s.url, 'GET', '/api/ping')).status).toBe(200);
      expect((await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body: approve42 })).status).toBe(500);
    });
  });

  describe('answerLateNext', () => {
    it('applies the next matching request at once and answers it only after the delay, even to a client that gave up', async () => {
      ctx.s.sim.answerLateNext('post', FINISH, 2000);

      const gaveUp = fetch(`${ctx.s.url}${FINISH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx.alex}`, 'content-type': 'application/json' },
        body: JSON.stringify(approve42),
        signal: AbortSignal.timeout(50),
      });
      await expect(gaveUp).rejects.toThrow();
      await eventually(() => ctx.s.sim.taskState(42)?.status === 'finished', { what: 'the finish applied', everyMs: 5 });
      expect(ctx.s.sim.requestsTo('POST', FINISH).map((r) => r.status)).toEqual([null]);

      const again = await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body: approve42 });
      expect([again.status, again.statusText]).toEqual([400, 'InvalidOperationException']);
      await eventually(() => ctx.s.sim.requestsTo('POST', FINISH)[0]?.status === 204, {
        what: 'the late answer',
        timeoutMs: 10_000,
        everyMs: 20,
      });
      expect(ctx.s.sim.requestsTo('POST', FINISH).map((r) => r.status)).toEqual([204, 400]);
    });

    it('is used once, and forgotten by reset()', async () => {
      ctx.s.sim.answerLateNext('GET', '/api/ping', 60_000);
      ctx.s.sim.reset();

      expect((await call(ctx.s.url, 'GET', '/api/ping')).status).toBe(200);
    });
  });

  it('reset() restores the seed, forgets tokens, requests and pending failures', async () => {
    await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body: approve42 });
    ctx.s.sim.failNext('GET', '/api/ping', 500);

    ctx.s.sim.reset();

    expect(ctx.s.sim.taskState(42)?.status).toBe('open');
    expect(ctx.s.sim.requests).toEqual([]);
    expect((await call(ctx.s.url, 'GET', '/api/ping')).status).toBe(200);
    expect((await call(ctx.s.url, 'GET', '/api/users/me/info', { token: ctx.alex })).status).toBe(401);
  });

  it('taskState() is a snapshot the caller cannot change', () => {
    const state = ctx.s.sim.taskState(42);
    if (state) state.status = 'finished';

    expect(ctx.s.sim.taskState(42)?.status).toBe('open');
    expect(ctx.s.sim.taskState(99)).toBeUndefined();
  });

  describe('over HTTP under /_sim/', () => {
    it('drives the same controls without auth', async () => {
      await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body: approve42 });
      const task = await call(ctx.s.url, 'GET', '/_sim/tasks/42');
      const missing = await call(ctx.s.url, 'GET', '/_sim/tasks/99');
      expect([task.status, (task.body as { status: string }).status]).toEqual([200, 'finished']);
      expect([missing.status, missing.body]).toEqual([404, { error: 'no task 99' }]);

      expect((await call(ctx.s.url, 'POST', '/_sim/fail-next', { body: { method: 'GET', path: '/api/ping', status: 502 } })).status).toBe(
        204,
      );
      expect((await call(ctx.s.url, 'GET', '/api/ping')).status).toBe(502);

      expect((await call(ctx.s.url, 'POST', '/_sim/expire-tokens')).status).toBe(204);
      expect((await call(ctx.s.url, 'GET', '/api/users/me/info', { token: ctx.alex })).status).toBe(401);

      const { refresh } = await signIn(ctx.s.url, 'alexw', 'demo');
      expect((await call(ctx.s.url, 'POST', '/_sim/revoke-refresh-tokens')).status).toBe(204);
      expect((await call(ctx.s.url, 'POST', '/api/access-token', { body: { RefreshToken: refresh } })).status).toBe(401);

      expect((await call(ctx.s.url, 'DELETE', '/_sim/requests')).status).toBe(204);
      expect(ctx.s.sim.requests).toEqual([]);

      expect((await call(ctx.s.url, 'POST', '/_sim/reset')).status).toBe(204);
      expect(ctx.s.sim.taskState(42)?.status).toBe('open');
    });

    it('builds notifications and reports the seed', async () => {
      const recipient = { aadObjectId: '00000000-0000-0000-0000-0000000000020' };

      const notification = await call(ctx.s.url, 'POST', '/_sim/notification', { body: { taskId: 43, recipient } });
      const bad = await call(ctx.s.url, 'POST', '/_sim/notification', { body: { taskId: 43, recipient, event: 'task.deleted' } });
      const seed = await call(ctx.s.url, 'GET', '/_sim/seed');

      expect(notification.status).toBe(200);
      expect(notification.body).toEqual(ctx.s.sim.notificationFor(43, recipient));
      expect([bad.status, bad.body]).toEqual([400, { error: 'event must be one of task.assigned, task.updated, task.closed' }]);
      expect((seed.body as { tasks: { id: number }[] }).tasks.map((t) => t.id)).toEqual([42, 43, 44, 45, 46]);
    });

    it('refuses malformed control requests with 400', async () => {
      const result = await call(ctx.s.url, 'POST', '/_sim/latency', { body: { ms: 'slow' } });
      const late = await call(ctx.s.url, 'POST', '/_sim/answer-late-next', { body: { method: 'POST', path: FINISH, ms: -1 } });

      expect([result.status, result.body]).toEqual([400, { error: 'expected {ms: number >= 0}' }]);
      expect([late.status, late.body]).toEqual([400, { error: 'expected {method: string, path: string, ms: number >= 0}' }]);
    });

    it('answers the next finish late', async () => {
      const control = await call(ctx.s.url, 'POST', '/_sim/answer-late-next', { body: { method: 'POST', path: FINISH, ms: 200 } });
      expect(control.status).toBe(204);

      const finished = await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body: approve42 });

      expect(finished.status).toBe(204);
      expect(ctx.s.sim.taskState(42)?.status).toBe('finished');
    });
  });
});

describe('DigiOffice simulator setLatency', () => {
  let s: StartedSim;

  beforeAll(async () => {
    s = await startSim();
  });
  afterAll(() => s.sim.close());

  it('holds DigiOffice answers back while control requests answer at once', async () => {
    s.sim.setLatency(60_000);
    const pending = call(s.url, 'GET', '/api/ping');
    pending.catch(() => undefined);
    await eventually(() => s.sim.requests.length === 1, { what: 'the held request', timeoutMs: 2000, everyMs: 10 });

    const control = await call(s.url, 'GET', '/_sim/requests');

    expect(control.status).toBe(200);
    expect((control.body as { requests: unknown[] }).requests).toEqual([expect.objectContaining({ path: '/api/ping', status: null })]);
    // Closing releases the held request (the connection is dropped) instead of keeping jest waiting.
    await s.sim.close();
    await expect(pending).rejects.toThrow();
  });

  it('answers normally once the latency has passed', async () => {
    s = await startSim({ latencyMs: 20 });

    const result = await call(s.url, 'GET', '/api/ping');

    expect([result.status, s.sim.requests.map((r) => r.status)]).toEqual([200, [200]]);
  });
});
