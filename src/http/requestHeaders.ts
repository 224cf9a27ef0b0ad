import type { IncomingHttpHeaders } from 'node:http';
import { parse as parseContentType } from 'content-type';
import { refusal, type Refusal } from '../core/refusal';

/**
 * Checks every request, whatever its route, before anything is read: a body is only ever taken as sent
 * (`Content-Encoding` absent or `identity`, so nothing is decompressed) and never as multipart (nothing is
 * written to disk). Returns null when the request may go on to its route.
 */
export function refuseEncodingOrMultipart(headers: IncomingHttpHeaders): Refusal | null {
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return refusal(
      415,
      'unsupportedContentEncoding',
      `Content-Encoding "${printable(encoding)}" is not accepted; send the body uncompressed (no Content-Encoding).`,
    );
  }
  if (mediaType(headers['content-type']).startsWith('multipart/')) {
    return refusal(415, 'unsupportedMediaType', 'Multipart bodies are not accepted here.');
  }
  return null;
}

/**
 * Checks `Content-Type` against the one media type a route takes. A charset, when given, must be UTF-8: the
 * body is decoded as UTF-8 and nothing else.
 */
export function refuseContentType(header: string | undefined, expected: string): Refusal | null {
  const parsed = header ? parseContentType(header) : null;
  if (!parsed || parsed.type !== expected) {
    const got = header ? `"${printable(header)}"` : 'missing';
    return refusal(415, 'unsupportedMediaType', `Content-Type must be ${expected} (charset utf-8); got ${got}.`);
  }
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return refusal(415, 'unsupportedCharset', `The charset must be utf-8; got "${printable(charset)}".`);
  }
  return null;
}

function mediaType(header: string | undefined): string {
  return header ? parseContentType(header, { parameters: false }).type : '';
}

/** Header values are echoed in error messages: keep them short and printable. */
function printable(value: string): string {
  const clean = value.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
