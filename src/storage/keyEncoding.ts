/**
 * The reversible key encoding of blob names (blobNames.ts): characters matched by `keep` stay, every other
 * one becomes `%XX` per UTF-8 byte (upper-case hex), so `decodeURIComponent` gives the key back. Character by
 * character, so the name of a key prefix is a prefix of the key's name (listing by prefix).
 */
export function percentEncodeKey(key: string, keep: RegExp, invalid: (reason: string) => Error): string {
  let name = '';
  for (const char of key) {
    if (keep.test(char)) {
      name += char;
      continue;
    }
    try {
      // encodeURIComponent throws on lone surrogates, which Buffer.from would silently replace (not reversible).
      encodeURIComponent(char);
    } catch {
      throw invalid('it contains a lone UTF-16 surrogate');
    }
    for (const byte of Buffer.from(char, 'utf8')) name += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return name;
}

/** The key a name stands for, when `encode` gives that very name back (a name this storage wrote); else null. */
export function decodeOwnName(name: string, encode: (key: string) => string): string | null {
  try {
    const key = decodeURIComponent(name);
    return encode(key) === name ? key : null;
  } catch {
    return null;
  }
}
