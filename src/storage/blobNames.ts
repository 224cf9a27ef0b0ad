/**
 * Reversible, safe blob names for storage keys.
 *
 * Only `A-Z`, `a-z`, `0-9`, `_` and `-` stay as they are; every other character becomes `%XX` per UTF-8 byte. So a
 * key's `/` never becomes a virtual folder (no empty, `.` or `..` segments, no trailing `/` or `.`, which Azure
 * advises against), and `decodeURIComponent` gives the key back. Blob names are case-sensitive, so case is kept.
 * The encoding works character by character, so the name of a key prefix is a prefix of the key's name (listing).
 */

import { decodeOwnName, percentEncodeKey } from './keyEncoding';

const KEEP = /^[A-Za-z0-9_-]$/;
/** Azure's limit for a blob name. */
export const MAX_BLOB_NAME_LENGTH = 1024;

export class InvalidBlobKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`AzureBlobStorage: invalid key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidBlobKeyError';
  }
}

export function blobNameOf(key: string): string {
  if (key.length === 0) throw new InvalidBlobKeyError(key, 'the key is empty');
  const name = encodePrefix(key);
  if (name.length > MAX_BLOB_NAME_LENGTH) {
    throw new InvalidBlobKeyError(key, `its blob name would be ${name.length} characters (at most ${MAX_BLOB_NAME_LENGTH})`);
  }
  return name;
}

/** The blob-name prefix of every key that starts with `prefix` (may be empty). */
export function encodePrefix(prefix: string): string {
  return percentEncodeKey(prefix, KEEP, (reason) => new InvalidBlobKeyError(prefix, reason));
}

/** The key of a blob name, or null for blobs this storage did not write (they are left alone). */
export function keyOfBlobName(name: string): string | null {
  return decodeOwnName(name, blobNameOf);
}
