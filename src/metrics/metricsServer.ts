import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsSource {
  contentType: string;
  text(): Promise<string>;
}

/**
 * `METRICS_PORT`: `GET /metrics` without a key, for scrapers inside the network, on a port of its own (bound to
 * `HOST`). It serves nothing else and never reads a request body.
 */
export class MetricsServer {
  private server: Server | null = null;

  constructor(
    private readonly metrics: MetricsSource,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Listens; resolves to the base URL. */
  async listen(port: number, host: string): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    // Scrapers keep connections alive; a stopping bot should not wait for them.
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') return send(res, 404, 'text/plain; charset=utf-8', 'Not found: this port serves only GET /metrics.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'Only GET /metrics.\n');
    }
    await sendMetrics(res, this.metrics, req.method === 'HEAD', this.onError);
  }
}

/** Answers with the metrics (the body left out for HEAD), or 503 when they cannot be collected (reported to `onError`). */
export async function sendMetrics(
  res: ServerResponse,
  metrics: MetricsSource,
  head: boolean,
  onError: (err: unknown) => void,
): Promise<void> {
  try {
    const text = await metrics.text();
    send(res, 200, metrics.contentType, head ? '' : text);
  } catch (err) {
    onError(err);
    send(res, 503, 'text/plain; charset=utf-8', 'Metrics are not available just now.\n');
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}
