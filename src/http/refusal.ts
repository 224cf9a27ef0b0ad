import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeWithoutReset } from './closeWithoutReset';

/** Why the edge refused a request before any handler saw it. The body names what was wrong and what to send. */
export interface Refusal {
  status: 400 | 401 | 413 | 415;
  error: string;
  message: string;
}

export function refusal(status: Refusal['status'], error: string, message: string): Refusal {
  return { status, error, message };
}

/** The one answer to every channel authentication failure: it never says which check failed. */
export const UNAUTHORIZED: Refusal = refusal(401, 'unauthorized', 'The request is not authorized.');

/** Sends a refusal and closes the connection: the rest of the body, if any, is never read. */
export function sendRefusal(req: IncomingMessage, res: ServerResponse, refused: Refusal): void {
  sendJsonAndClose(req, res, refused.status, { error: refused.error, message: refused.message });
}

/** An answer given before the body was read: the connection closes after it, without a reset. */
export function sendJsonAndClose(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  closeWithoutReset(req);
  sendJson(res, status, body, { close: true });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, options: { close?: boolean } = {}): void {
  if (res.headersSent) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(options.close ? { Connection: 'close' } : {}),
  });
  res.end(text);
}
