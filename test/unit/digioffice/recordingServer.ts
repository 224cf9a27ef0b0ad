import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the client sent, as the tests compare it: the headers the client controls, and the raw body. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: { accept: string | undefined; 'content-type': string | undefined; authorization: string | undefined };
  body: string;
}

/** How the server answers the next requests; `hang` never answers (for timeouts). */
export type Reply = { status: number; body?: string; contentType?: string } | { hang: true };

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers with `reply`. Responses are written with
 * statusCode/setHeader/end, never `writeHead(...).end(...)`: restify patches ServerResponse process-wide.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  reply: Reply = { status: 204 };

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<RecordingServer> {
    let recorder: RecordingServer | null = null;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => recorder?.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    recorder = new RecordingServer(server, `http://127.0.0.1:${port}`);
    return recorder;
  }

  reset(reply: Reply): void {
    this.requests.length = 0;
    this.reply = reply;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    this.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: { accept: req.headers.accept, 'content-type': req.headers['content-type'], authorization: req.headers.authorization },
      body,
    });
    const reply = this.reply;
    if ('hang' in reply) return;
    res.statusCode = reply.status;
    if (reply.body !== undefined) res.setHeader('Content-Type', reply.contentType ?? 'application/json; charset=utf-8');
    res.end(reply.body ?? '');
  }
}

/** A port nothing listens on: one a server just gave back. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What `call` rejected with; fails the test when it resolved. */
export async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
}
