import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { refusal, type Refusal } from '../core/refusal';
import { readBoundedBody, type BodyLimit } from './boundedBody';
import { refuseContentType } from './requestHeaders';

export type FormRead = { ok: true; fields: Record<string, string> } | { ok: false; refusal: Refusal };

/** A route's HTML form post: `application/x-www-form-urlencoded` in UTF-8, within the size limit. */
export async function readFormBody(req: IncomingMessage, limit: BodyLimit): Promise<FormRead> {
  const wrongType = refuseContentType(req.headers['content-type'], 'application/x-www-form-urlencoded');
  if (wrongType) return { ok: false, refusal: wrongType };
  const body = await readBoundedBody(req, limit);
  return body.ok ? parseFormBytes(body.bytes) : body;
}

/**
 * Strict `a=1&b=2` parsing: a malformed escape or an escape that decodes to invalid UTF-8 is refused (where
 * URLSearchParams would pass it on altered), and so is a field sent twice, which no form of ours does.
 */
export function parseFormBytes(bytes: Buffer): FormRead {
  if (!isUtf8(bytes)) return invalid('The form is not valid UTF-8.');
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of bytes.toString('utf8').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
    if (name === null || value === null) return invalid('The form has a malformed %-escape or one that is not UTF-8.');
    if (name in fields) return invalid(`The form field "${name.slice(0, 40)}" appears more than once.`);
    fields[name] = value;
  }
  return { ok: true, fields };
}

function decode(component: string): string | null {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function invalid(message: string): FormRead {
  return { ok: false, refusal: refusal(400, 'invalidForm', message) };
}
