import path from 'node:path';
import restify from 'restify';
import { WEB_DIR } from './appFolders';
import type { ChannelAdapter } from './bot/adapter';
import type { TaskBot } from './bot/taskBot';
import type { Logger } from './core/logger';
import { UNAUTHORIZED } from './core/refusal';
import { readFormBody } from './http/formBody';
import { readJsonBody } from './http/jsonBody';
import { sendJson, sendJsonAndClose, sendRefusal } from './http/refusal';
import { refuseEncodingOrMultipart } from './http/requestHeaders';
import { loadStaticFiles, sendStaticFile, type StaticFile } from './http/staticFiles';
import type { SignInFlow } from './identity/signInFlow';
import { SIGN_IN_ASSETS } from './identity/signInPage';
import { sendMetrics, type MetricsSource } from './metrics/metricsServer';
import { OPENAPI_PATH, notificationsOpenApi } from './notifications/openapi';
import { MAX_NOTIFICATION_BYTES, type NotificationWebhook } from './notifications/webhook';
import type { Admin, AdminApi, AdminResponse } from './ops/adminApi';

/** The HTTP server, as the rest of the app sees it. */
export type HttpServer = restify.Server;

export interface Readiness {
  /** Every check by name, 'ok' or why not; only the route decides who sees the details. */
  check(): Promise<{ ready: boolean; checks: Record<string, string> }>;
}

export interface ServerDeps {
  adapter: ChannelAdapter;
  bot: TaskBot;
  webhook: NotificationWebhook;
  signIn: SignInFlow;
  readiness: Readiness;
  /** The admin API and `/metrics`, behind `ADMIN_API_KEY`; null (no key configured): neither route exists. */
  admin: { api: AdminApi; metrics: MetricsSource } | null;
  logger: Logger;
}

/** Teams activities are small (a message is at most about 28 KB); this leaves room for large card submissions. */
const MAX_ACTIVITY_BYTES = 256 * 1024;
/** The sign-in form: a state, a user name and a password. */
const MAX_SIGN_IN_FORM_BYTES = 16 * 1024;

/** The sign-in page's own files (in /web: src/appFolders.ts) and Teams JS, from the bot's host. */
const SIGN_IN_FILES: StaticFile[] = [
  { path: SIGN_IN_ASSETS.stylesheet, file: path.join(WEB_DIR, 'signin.css'), contentType: 'text/css; charset=utf-8' },
  { path: SIGN_IN_ASSETS.script, file: path.join(WEB_DIR, 'signin.js'), contentType: 'text/javascript; charset=utf-8' },
  {
    path: SIGN_IN_ASSETS.teamsJs,
    file: require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
];

/**
 * The sign-in pages may run and style only with their own files: no inline script or style, nothing from elsewhere,
 * no framing, and the form posts only back here.
 */
const SIGN_IN_PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The HTTP edge: the only place besides `bot/` that knows restify (docs/architecture.md, "Layers"). restify routes;
 * bodies are read by `http/` with a limit per route, and nothing is decompressed, spooled to disk or read before it is
 * needed.
 */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'digioffice-teams-tasks', handleUncaughtExceptions: false });
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    const refused = refuseEncodingOrMultipart(req.headers);
    if (!refused) return next();
    sendRefusal(req, res, refused);
    return next(false);
  });
  server.pre(restify.plugins.pre.context());
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const authorization = req.header('authorization');
    if (!deps.adapter.mayCarryActivity(authorization)) return sendRefusal(req, res, UNAUTHORIZED);
    const body = await readJsonBody(req, { maxBytes: MAX_ACTIVITY_BYTES });
    if (!body.ok) return sendRefusal(req, res, body.refusal);
    const result = await deps.adapter.handleActivity(authorization ?? '', body.value, (context) => deps.bot.run(context));
    if (result.kind === 'refused') return sendRefusal(req, res, result.refusal);
    sendJson(res, result.status, result.body);
  });

  const notifications = (form: 'either' | 'batch') => async (req: restify.Request, res: restify.Response) => {
    const sender = deps.webhook.authorize(req.header('authorization'));
    if ('status' in sender) return sendJsonAndClose(req, res, sender.status, sender.body);
    const body = await readJsonBody(req, { maxBytes: MAX_NOTIFICATION_BYTES, hint: 'Send fewer notifications per batch.' });
    if (!body.ok) return sendRefusal(req, res, body.refusal);
    const result = await deps.webhook.accept(body.value, sender, form);
    sendJson(res, result.status, result.body);
  };
  server.post('/api/notifications', notifications('either'));
  // For connectors (Swagger 2.0 allows one operation per path and method): this path takes only a batch.
  server.post('/api/notifications/batch', notifications('batch'));

  // The webhook's contract (docs/openapi/notifications.openapi.json), public like the docs.
  const openApi = notificationsOpenApi();
  server.get(OPENAPI_PATH, (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    res.send(200, openApi);
    next();
  });

  server.get('/auth/signin', async (req: restify.Request, res: restify.Response) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const state = typeof query.state === 'string' ? query.state : undefined;
    sendHtml(res, await deps.signIn.form(state));
  });

  server.post('/auth/signin', async (req: restify.Request, res: restify.Response) => {
    const form = await readFormBody(req, { maxBytes: MAX_SIGN_IN_FORM_BYTES });
    if (!form.ok) return sendRefusal(req, res, form.refusal);
    sendHtml(res, await deps.signIn.submit(form.fields));
  });

  for (const file of loadStaticFiles(SIGN_IN_FILES)) {
    server.get(file.path, (_req: restify.Request, res: restify.Response, next: restify.Next) => {
      sendStaticFile(res, file);
      next();
    });
  }

  server.get('/healthz', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    sendJson(res, 200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const { ready, checks } = await deps.readiness.check();
    // Which dependency failed, and why, names internal hosts: that goes to the log, the caller learns yes or no.
    if (!ready) deps.logger.warn({ checks }, 'not ready');
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
  });

  if (deps.admin)
    adminRoutes(server, deps.admin.api, deps.admin.metrics, (err) => deps.logger.error({ err }, 'metrics could not be collected'));

  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    if ((err.statusCode ?? 500) >= 500) deps.logger.error({ err, path: req.path() }, 'request failed');
    callback();
  });
  return server;
}

/** The outbox API (docs/admin-guide.md, "Watching it") and the metrics, each behind the admin key. No body is read. */
function adminRoutes(server: restify.Server, api: AdminApi, metrics: MetricsSource, onError: (err: unknown) => void): void {
  const route =
    (answer: (req: restify.Request, admin: Admin) => Promise<AdminResponse>) => async (req: restify.Request, res: restify.Response) => {
      const admin = api.authorize(req.header('authorization'));
      if ('status' in admin) return sendJsonAndClose(req, res, admin.status, admin.body);
      const result = await answer(req, admin);
      // A body sent along with a change is never read: the connection closes after the answer.
      if (req.method === 'GET') sendJson(res, result.status, result.body);
      else sendJsonAndClose(req, res, result.status, result.body);
    };
  const id = (req: restify.Request): unknown => (req.params as Record<string, unknown>).id;
  server.get(
    '/api/admin/outbox/counts',
    route(() => api.counts()),
  );
  server.get(
    '/api/admin/outbox/items',
    route((req) => api.list(req.query)),
  );
  server.get(
    '/api/admin/outbox/items/:id',
    route((req) => api.item(id(req))),
  );
  server.post(
    '/api/admin/outbox/items/:id/requeue',
    route((req, admin) => api.requeue(id(req), admin)),
  );
  server.del(
    '/api/admin/outbox/items/:id',
    route((req, admin) => api.drop(id(req), admin)),
  );

  server.get('/metrics', async (req: restify.Request, res: restify.Response) => {
    const admin = api.authorize(req.header('authorization'));
    if ('status' in admin) return sendJsonAndClose(req, res, admin.status, admin.body);
    await sendMetrics(res, metrics, false, onError);
  });
}

function sendHtml(res: restify.Response, page: { status: number; html: string }): void {
  res.writeHead(page.status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': SIGN_IN_PAGE_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(page.html);
}
