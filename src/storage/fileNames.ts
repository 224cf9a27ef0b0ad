/**
 * Reversible, filesystem-safe file names for storage keys.
 *
 * Only `a-z`, `0-9`, `_` and `-` stay as they are; every other character becomes `%XX` per UTF-8 byte with
 * upper-case hex. So names never contain `.` (the extension and temp-file suffixes stay unambiguous), `/`, `:`
 * or `*`, and two keys never map to names that differ only in case (macOS and Windows folders are
 * case-insensitive by default). `decodeURIComponent` reverses it.
 */

const KEEP = /^[a-z0-9_-]$/;
/** Windows refuses these names even with an extension (`con.json`). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
/** File name limit is 255 bytes on common filesystems; leave room for `.json` and the temp suffix. */
export const MAX_ENCODED_LENGTH = 230;

export const DATA_SUFFIX = '.json';
export const TEMP_SUFFIX = '.tmp';

export class InvalidStorageKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`FileStorage: invalid key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidStorageKeyError';
  }
}

export function encodeKey(key: string): string {
  if (key.length === 0) throw new InvalidStorageKeyError(key, 'the key is empty');
  let encoded = '';
  for (const char of key) {
    encoded += KEEP.test(char) ? char : percentEncode(key, char);
  }
  if (WINDOWS_RESERVED.test(encoded)) encoded = percentEncode(key, encoded.charAt(0)) + encoded.slice(1);
  if (encoded.length > MAX_ENCODED_LENGTH) {
    throw new InvalidStorageKeyError(key, `its file name would be ${encoded.length} characters (at most ${MAX_ENCODED_LENGTH})`);
  }
  return encoded;
}

/** The key of a data file name, or null for names this storage did not produce. */
export function keyOfFileName(fileName: string): string | null {
  if (!fileName.endsWith(DATA_SUFFIX)) return null;
  const encoded = fileName.slice(0, -DATA_SUFFIX.length);
  let key: string;
  try {
    key = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  // Only names that encode back to themselves are ours (this skips e.g. `README.json` or `a.b.json`).
  try {
    return encodeKey(key) === encoded ? key : null;
  } catch {
    return null;
  }
}

function percentEncode(key: string, char: string): string {
  let bytes: Buffer;
  try {
    // encodeURIComponent throws on lone surrogates, which Buffer.from would silently replace (not reversible).
    encodeURIComponent(char);
    bytes = Buffer.from(char, 'utf8');
  } catch {
    throw new InvalidStorageKeyError(key, 'it contains a lone UTF-16 surrogate');
  }
  let out = '';
  for (const byte of bytes) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  return out;
}
