/**
 * Reversible, filesystem-safe file names for storage keys.
 *
 * Only `a-z`, `0-9`, `_` and `-` stay as they are; every other character becomes `%XX` per UTF-8 byte with
 * upper-case hex. So names never contain `.` (the extension and temp-file suffixes stay unambiguous), `/`, `:`
 * or `*`, and two keys never map to names that differ only in case (macOS and Windows folders are
 * case-insensitive by default). `decodeURIComponent` reverses it.
 */

import { decodeOwnName, percentEncodeKey } from './keyEncoding';

const KEEP = /^[a-z0-9_-]$/;
const ENCODE_ALL = /(?!)/;
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
  const invalid = (reason: string) => new InvalidStorageKeyError(key, reason);
  let encoded = percentEncodeKey(key, KEEP, invalid);
  if (WINDOWS_RESERVED.test(encoded)) encoded = percentEncodeKey(encoded.charAt(0), ENCODE_ALL, invalid) + encoded.slice(1);
  if (encoded.length > MAX_ENCODED_LENGTH) {
    throw new InvalidStorageKeyError(key, `its file name would be ${encoded.length} characters (at most ${MAX_ENCODED_LENGTH})`);
  }
  return encoded;
}

/** The key of a data file name, or null for names this storage did not produce (e.g. `README.json`, `a.b.json`). */
export function keyOfFileName(fileName: string): string | null {
  if (!fileName.endsWith(DATA_SUFFIX)) return null;
  return decodeOwnName(fileName.slice(0, -DATA_SUFFIX.length), encodeKey);
}
