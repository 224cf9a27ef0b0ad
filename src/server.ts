import type { CloudAdapter } from 'botbuilder';
import restify from 'restify';
import type { SignInFlow } from './identity/signInFlow';
import type { Logger } from './logger';
import { OPENAPI_PATH, notificationsOpenApi } from './notifications/openapi';
import { MAX_NOTIFICATION_BYTES, type NotificationWebhook } from './notifications/webhook';
import type { TaskBot } from './bot/taskBot';

/** The HTTP server, as the rest of the app sees it. */
export type HttpServer = restify.Server;

export interface Readiness {
  check(): Promise<{ ready: boolean; checks: Record<string, string> }>;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: TaskBot;
  webhook: NotificationWebhook;
  signIn: SignInFlow;
  readiness: Readiness;
  logger: Logger;
}

/** The HTTP edge (DESIGN §8): the only place besides `bot/` that knows restify. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'digioffice-teams-tasks', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.context());
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post('/api/messages', restify.plugins.bodyParser({ mapParams: false }), async (req: restify.Request, res: restify.Response) => {
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
  });

  server.post('/api/notifications', readRawBody(MAX_NOTIFICATION_BYTES), async (req: restify.Request, res: restify.Response) => {
    const { rawBody, bytes } = req as RawBodyRequest;
    const result = await deps.webhook.handle({
      authorization: req.header('authorization'),
      contentType: req.header('content-type'),
      body: rawBody ?? null,
      bytes: bytes ?? 0,
    });
    res.send(result.status, result.body);
  });

  // For connectors (Swagger 2.0 allows one operation per path and method): this path takes only a batch.
  server.post('/api/notifications/batch', readRawBody(MAX_NOTIFICATION_BYTES), async (req: restify.Request, res: restify.Response) => {
    const { rawBody, bytes } = req as RawBodyRequest;
    const result = await deps.webhook.handle({
      authorization: req.header('authorization'),
      contentType: req.header('content-type'),
      body: rawBody ?? null,
      bytes: bytes ?? 0,
      form: 'batch',
    });
    res.send(result.status, result.body);
  });

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

  server.post(
    '/auth/signin',
    restify.plugins.bodyParser({ mapParams: false, maxBodySize: 16 * 1024 }),
    async (req: restify.Request, res: restify.Response) => {
      const fields = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
      sendHtml(res, await deps.signIn.submit(fields));
    },
  );

  server.get('/healthz', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const { ready, checks } = await deps.readiness.check();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
  });

  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    if ((err.statusCode ?? 500) >= 500) deps.logger.error({ err, path: req.path() }, 'request failed');
    callback();
  });
  return server;
}

interface RawBodyRequest extends restify.Request {
  /** Absent when the body was over the limit. */
  rawBody?: Buffer;
  bytes?: number;
}

/**
 * Reads the body as bytes, stopping at `limit` (the rest is drained, not kept), so the webhook decides on 401 before
 * 413 and parses JSON itself to name what is wrong.
 */
function readRawBody(limit: number): restify.RequestHandler {
  return (req: restify.Request, _res: restify.Response, next: restify.Next) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      (req as RawBodyRequest).bytes = size;
      if (size <= limit) (req as RawBodyRequest).rawBody = Buffer.concat(chunks);
      next();
    });
    req.on('error', (err) => next(err));
  };
}

function sendHtml(res: restify.Response, page: { status: number; html: string }): void {
  res.writeHead(page.status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(page.html);
}
