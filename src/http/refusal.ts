import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Refusal } from '../core/refusal';
import { closeWithoutReset } from './closeWithoutReset';

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
