import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { refusal, type Refusal } from '../core/refusal';
import { readBoundedBody, type BodyLimit } from './boundedBody';
import { refuseContentType } from './requestHeaders';

/** Deeper than any activity or notification; deep enough nesting breaks recursive code further in. */
export const MAX_JSON_DEPTH = 64;

export type JsonRead = { ok: true; value: unknown } | { ok: false; refusal: Refusal };

/** A route's JSON body: `application/json` in UTF-8, within the size limit, at most `MAX_JSON_DEPTH` deep. */
export async function readJsonBody(req: IncomingMessage, limit: BodyLimit): Promise<JsonRead> {
  const wrongType = refuseContentType(req.headers['content-type'], 'application/json');
  if (wrongType) return { ok: false, refusal: wrongType };
  const body = await readBoundedBody(req, limit);
  return body.ok ? parseJsonBytes(body.bytes) : body;
}

export function parseJsonBytes(bytes: Buffer): JsonRead {
  if (!isUtf8(bytes)) {
    return { ok: false, refusal: refusal(400, 'invalidUtf8', 'The body is not valid UTF-8; send JSON encoded as UTF-8.') };
  }
  // A byte order mark is not JSON, but some Windows tools write one: it is skipped.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    return { ok: false, refusal: refusal(400, 'tooDeep', `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep.`) };
  }
  try {
    // A "__proto__" key becomes an own property in JSON.parse, and a prototype once the object is merged with
    // Object.assign somewhere further in: it is dropped here. The reviver makes parsing several times slower, so it
    // runs only on text that can hold such a key: spelled out, or behind a \u escape.
    const mayHoldProto = text.includes('__proto__') || text.includes('\\u');
    return { ok: true, value: mayHoldProto ? JSON.parse(text, dropProto) : JSON.parse(text) };
  } catch (err) {
    return { ok: false, refusal: refusal(400, 'invalidJson', `The body is not valid JSON: ${(err as Error).message}`) };
  }
}

function dropProto(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

/** The deepest nesting of objects and arrays, brackets inside strings not counted. Malformed text is left to JSON.parse. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
