import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Bearer keys that callers send as `Authorization: Bearer <key>` (`NOTIFY_API_KEY`, and every other bearer key the
 * bot takes): the one rule for a strong enough key, two keys during a rotation, and the constant-time check.
 */

export const MIN_BEARER_KEY_LENGTH = 16;
const ORDINALS = ['first', 'second'] as const;

/**
 * The schema of a bearer-key variable: one key, or two comma-separated keys (new,old) while senders switch. Each key
 * is trimmed and must hold at least 16 characters and no whitespace. Messages say which key is weak, never the key.
 */
export function bearerKeyList() {
  return z.string({ error: 'is required' }).transform((value, ctx) => {
    const keys = value.split(',').map((key) => key.trim());
    if (keys.length > ORDINALS.length) {
      ctx.addIssue({ code: 'custom', message: `holds ${keys.length} keys; at most two (new,old) during a rotation` });
      return z.NEVER;
    }
    keys.forEach((key, index) => {
      const problem = weakness(key);
      if (problem === null) return;
      const which = keys.length === 1 ? 'the key' : `the ${ORDINALS[index] ?? 'extra'} key`;
      ctx.addIssue({ code: 'custom', message: `${which} ${problem}` });
    });
    return keys;
  });
}

function weakness(key: string): string | null {
  if (key === '') return 'is empty';
  if (/\s/.test(key)) return 'must not contain spaces';
  if (key.length < MIN_BEARER_KEY_LENGTH) return `is too weak: ${key.length} characters, at least ${MIN_BEARER_KEY_LENGTH} are needed`;
  return null;
}

/** A short, stable name for a key that says which one was used without revealing it: 8 hex digits of its SHA-256. */
export function keyFingerprint(key: string): string {
  return digest(key).subarray(0, 4).toString('hex');
}

/** Checks presented keys against the accepted ones in constant time (equal-length digests, every key compared). */
export class BearerKeys {
  private readonly accepted: Array<{ digest: Buffer; fingerprint: string }>;

  constructor(keys: readonly string[]) {
    this.accepted = keys.map((key) => ({ digest: digest(key), fingerprint: keyFingerprint(key) }));
  }

  /** The fingerprint of the key an `Authorization: Bearer …` header carries, or null when it carries none of them. */
  match(authorization: string | undefined): string | null {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    if (!token) return null;
    const presented = digest(token);
    let found: string | null = null;
    for (const key of this.accepted) if (timingSafeEqual(presented, key.digest) && found === null) found = key.fingerprint;
    return found;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
