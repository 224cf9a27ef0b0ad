import type { IncomingMessage } from 'node:http';
import { refusal, type Refusal } from '../core/refusal';

export type BodyRead = { ok: true; bytes: Buffer } | { ok: false; refusal: Refusal };

export interface BodyLimit {
  maxBytes: number;
  /** Appended to the 413 message: what the sender can do about it. */
  hint?: string;
}

/**
 * Reads a request body into memory, never more than `maxBytes`: a declared `Content-Length` over the limit is
 * refused before a byte is read, and a body that grows past the limit while arriving (chunked, or longer than
 * declared) is refused as soon as it does, with reading stopped there. The caller answers a refusal with
 * `sendRefusal`, which closes the connection so the rest is never read.
 */
export function readBoundedBody(req: IncomingMessage, limit: BodyLimit): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit.maxBytes) return Promise.resolve({ ok: false, refusal: tooLarge(limit) });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyRead) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit.maxBytes) {
        req.pause();
        settle({ ok: false, refusal: tooLarge(limit) });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle({ ok: true, bytes: Buffer.concat(chunks, size) });
    // The client went away mid-body; nobody reads the answer, but the handler still ends cleanly.
    const onAbort = () =>
      settle({ ok: false, refusal: refusal(400, 'incompleteBody', 'The connection closed before the body was complete.') });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onAbort);
    req.once('close', onAbort);
  });
}

function tooLarge(limit: BodyLimit): Refusal {
  const size = limit.maxBytes >= 1024 ? `${limit.maxBytes} bytes (${limit.maxBytes / 1024} KiB)` : `${limit.maxBytes} bytes`;
  return refusal(413, 'payloadTooLarge', `The body exceeds the limit of ${size}.${limit.hint ? ` ${limit.hint}` : ''}`);
}
