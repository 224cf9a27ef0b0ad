import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { click, deliverTask } from '../helpers/flows';
import { freePort, startHarness, type Harness } from '../helpers/harness';
import { ADMIN_KEY, adminCall, movement, parseMetrics, scrape } from '../helpers/ops';
import { ALEX, JAN } from '../helpers/teamsActivities';

/** The series the bot's own events move (process metrics move by themselves). */
const EVENT_SERIES =
  /^(notifications?_|finish_requests|digioffice_request_(errors_total|duration_seconds_count)|teams_|sign(in|out)s_|signin_codes_)/;

describe('GET /metrics (Prometheus text, ADMIN_API_KEY) and METRICS_PORT', () => {
  let h: Harness;
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
    h = await startHarness({ env: { ADMIN_API_KEY: ADMIN_KEY, METRICS_PORT: String(metricsPort) } });
    await h.install(ALEX);
  });
  afterAll(async () => {
    await h.close();
  });

  it('counts a wrong password as a failed sign-in', async () => {
    const before = await scrape(h.botUrl);
    const { signInUrlFor } = await import('../helpers/signIn');
    const state = new URL(await signInUrlFor(h, ALEX)).searchParams.get('state') ?? '';
    const response = await fetch(`${h.botUrl}/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state, username: 'alexw', password: 'wrong' }).toString(),
    });
    expect(response.status).toBe(401);
    expect(movement(before, await scrape(h.botUrl), EVENT_SERIES)).toEqual({
      'signins_total{result="rejected"}': 1,
      'digioffice_request_duration_seconds_count{operation="authenticate"}': 1,
      'digioffice_request_errors_total{operation="authenticate",kind="4xx"}': 1,
    });
  });

  it('moves every counter by exactly the events of the test, and shows the outbox per state', async () => {
    const before = await scrape(h.botUrl);
    const { activityId } = await deliverTask(h, ALEX, 42);
    expect((await h.notify(h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }))).body).toMatchObject({
      status: 'duplicate',
    });
    expect((await h.notify(h.sim.notificationFor(45, { email: JAN.email }))).body).toMatchObject({ status: 'pending' });

    await h.signIn(ALEX, 'alexw', 'demo');
    await click(h, ALEX, 'task.finish', { taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove, comment: 'ok' }, activityId);
    // One 429 without Retry-After: the bot waits and sends again.
    h.connector.failNext({ method: 'POST', path: ALEX.conversationId, status: 429 });
    await h.notify(h.sim.notificationFor(43, { userPrincipalName: ALEX.userPrincipalName }));
    await h.idle();
    const drawing = (h.connector.calls.at(-1)?.response ?? {}) as { id: string };
    h.sim.failNext('POST', '/api/workflowtasks/finish', 503, 'Service Unavailable');
    await click(
      h,
      ALEX,
      'task.finish',
      { taskIds: [43], transitionId: TRANSITION_IDS.drawingDone, comment: 'done', reason: 'checked' },
      drawing.id,
    );
    await h.idle();
    const after = await scrape(h.botUrl);

    expect(movement(before, after, EVENT_SERIES)).toEqual({
      'notifications_accepted_total{status="queued"}': 2,
      'notifications_accepted_total{status="duplicate"}': 1,
      'notifications_accepted_total{status="pending"}': 1,
      notifications_delivered_total: 2,
      'teams_requests_total{operation="sendCard",outcome="throttled"}': 1,
      'teams_requests_total{operation="sendCard",outcome="ok"}': 2,
      // The finished card replacing the clicked one ("You are signed in" answers the typed code in its own turn).
      'teams_requests_total{operation="updateCard",outcome="ok"}': 1,
      'signins_total{result="signedIn"}': 1,
      'signin_codes_total{result="linked"}': 1,
      'finish_requests_total{action="finish",outcome="done"}': 1,
      'finish_requests_total{action="finish",outcome="failed"}': 1,
      'digioffice_request_duration_seconds_count{operation="authenticate"}': 1,
      'digioffice_request_duration_seconds_count{operation="finishTasks"}': 2,
      'digioffice_request_errors_total{operation="finishTasks",kind="5xx"}': 1,
    });
    expect(['queued', 'pending', 'failed', 'delivered'].map((state) => after.get(`outbox_items{state="${state}"}`))).toEqual([0, 1, 0, 2]);
    expect(after.get('outbox_pending_over_age')).toBe(0);
    expect(after.get('process_cpu_seconds_total')).toEqual(expect.any(Number));
    expect(after.get('nodejs_eventloop_lag_seconds')).toEqual(expect.any(Number));
  });

  it('answers /metrics on the bot’s port only with the admin key, in Prometheus’ text format', async () => {
    const refused = {
      status: 401,
      body: { error: 'unauthorized', message: 'Send the admin key as "Authorization: Bearer <ADMIN_API_KEY>".' },
    };
    expect(await adminCall(h.botUrl, 'GET', '/metrics', null)).toEqual(refused);
    expect(await adminCall(h.botUrl, 'GET', '/metrics', 'not-the-admin-key-0123')).toEqual(refused);
    const response = await fetch(`${h.botUrl}/metrics`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('# TYPE notifications_accepted_total counter');
    expect(text).toContain('# TYPE digioffice_request_duration_seconds histogram');
  });

  it('serves /metrics without a key on METRICS_PORT, and nothing else there', async () => {
    const base = `http://127.0.0.1:${metricsPort}`;
    const open = await fetch(`${base}/metrics`);
    expect(open.status).toBe(200);
    expect(parseMetrics(await open.text()).get('notifications_accepted_total{status="queued"}')).toBe(2);
    for (const path of ['/', '/healthz', '/api/admin/outbox/counts', '/api/notifications', '/metrics/../api/messages']) {
      const other = await fetch(`${base}${path}`);
      expect({ path, status: other.status }).toEqual({ path, status: 404 });
    }
    const post = await fetch(`${base}/metrics`, { method: 'POST', body: 'x' });
    expect({ status: post.status, allow: post.headers.get('allow') }).toEqual({ status: 405, allow: 'GET, HEAD' });
  });
});

describe('METRICS_PORT when the bot stops', () => {
  it('is closed by app.close()', async () => {
    const metricsPort = await freePort();
    const h = await startHarness({ env: { ADMIN_API_KEY: ADMIN_KEY, METRICS_PORT: String(metricsPort) } });
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(200);
    await h.close();
    await expect(fetch(`http://127.0.0.1:${metricsPort}/metrics`)).rejects.toThrow('fetch failed');
  });
});
