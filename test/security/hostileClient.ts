import { request } from 'node:http';

export interface HostileRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /**
   * The body, produced lazily and written with backpressure until the server answers: huge and endless bodies are
   * streamed, never held by the test.
   */
  body?: Iterable<Buffer>;
}

export interface HostileResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** What the test had handed to the socket when the answer arrived (or all of it). */
  bytesSent: number;
}

/**
 * Sends one request on its own connection and resolves with the answer, even when the server answers before the
 * body is sent (the client then stops sending). Rejects when the connection breaks without an answer.
 */
export function send(baseUrl: string, req: HostileRequest): Promise<HostileResponse> {
  return new Promise((resolve, reject) => {
    const client = request(`${baseUrl}${req.path}`, { method: req.method ?? 'POST', headers: req.headers ?? {}, agent: false });
    let bytesSent = 0;
    let answered = false;
    client.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = bytesSent;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        client.destroy();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          bytesSent: sentWhenAnswered,
        });
      });
      res.on('error', reject);
    });
    client.on('error', (err) => {
      if (!answered) reject(err);
    });

    const parts = (req.body ?? [])[Symbol.iterator]();
    const pump = () => {
      while (!answered && !client.destroyed) {
        const next = parts.next();
        if (next.done) {
          client.end();
          return;
        }
        bytesSent += next.value.length;
        if (!client.write(next.value)) {
          client.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

export function json(response: HostileResponse): unknown {
  return JSON.parse(response.text) as unknown;
}

/** `total` bytes of `fill`, in 64 KiB chunks; `Infinity` never ends. */
export function* filler(total: number, fill = 0x61): Iterable<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, fill);
  for (let sent = 0; sent < total; sent += chunk.length) yield total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
}

/** A multipart/form-data upload of one file of `fileBytes` bytes, streamed; returns its headers and body. */
export function multipartUpload(fileBytes: number): { headers: Record<string, string>; body: Iterable<Buffer> } {
  const boundary = '----hostile-upload-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + fileBytes + tail.length),
    },
    body: (function* () {
      yield head;
      yield* filler(fileBytes);
      yield tail;
    })(),
  };
}
