/**
 * Keys as an ordered index sees them. SQLite compares TEXT byte by byte in UTF-8 (its BINARY collation), which is
 * code point order; a JavaScript `<` compares UTF-16 code units, which differs above U+FFFF. So the bounds here are
 * computed on code points, never on UTF-16 units.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_CODE_POINT = 0x10ffff;
const LAST_BEFORE_SURROGATES = 0xd7ff;
const FIRST_AFTER_SURROGATES = 0xe000;

/**
 * Why a key cannot be stored, or null when it can. A lone UTF-16 surrogate has no UTF-8 form: it would be stored as
 * U+FFFD and two different keys would become one.
 */
export function invalidKeyReason(key: string): string | null {
  if (key.length === 0) return 'the key is empty';
  return invalidPrefixReason(key);
}

/** As `invalidKeyReason`, for a prefix of keys (which may be empty). */
export function invalidPrefixReason(prefix: string): string | null {
  return LONE_SURROGATE.test(prefix) ? 'it contains a lone UTF-16 surrogate' : null;
}

/**
 * The least string above every string that starts with `prefix`, in code point order: the prefix with its last code
 * point raised by one (skipping the surrogate range, which no valid string holds). A last code point that is already
 * U+10FFFF is dropped and the one before it raised. Null when no such string exists (an empty prefix, or one made of
 * U+10FFFF only): then every key from `prefix` on matches.
 *
 * So `key >= prefix AND key < upper` holds exactly for the keys that start with `prefix`, whatever characters it has:
 * no LIKE, so `%` and `_` are plain characters.
 */
export function prefixUpperBound(prefix: string): string | null {
  let end = prefix.length;
  while (end > 0) {
    const start = startOfLastCodePoint(prefix, end);
    const codePoint = prefix.codePointAt(start) as number;
    if (codePoint < MAX_CODE_POINT) {
      const next = codePoint === LAST_BEFORE_SURROGATES ? FIRST_AFTER_SURROGATES : codePoint + 1;
      return prefix.slice(0, start) + String.fromCodePoint(next);
    }
    end = start;
  }
  return null;
}

function startOfLastCodePoint(text: string, end: number): number {
  const low = text.charCodeAt(end - 1);
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff;
  if (isLowSurrogate && end >= 2) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return end - 2;
  }
  return end - 1;
}
