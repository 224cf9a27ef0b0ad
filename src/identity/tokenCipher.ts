import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { z } from 'zod';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

/** An AES-256-GCM ciphertext as stored: version, IV, auth tag and data, each base64. */
export const EncryptedEnvelope = z.object({
  v: z.literal(1),
  iv: base64,
  tag: base64,
  data: base64,
});
export type EncryptedEnvelope = z.infer<typeof EncryptedEnvelope>;

/** Decryption failed: wrong key, wrong associated data, or a changed envelope. Deliberately says no more. */
export class TokenDecryptionError extends Error {
  constructor(reason: string) {
    super(`TokenCipher: cannot decrypt (${reason})`);
    this.name = 'TokenDecryptionError';
  }
}

/** What a ciphertext decrypted to, and whether it needed the previous key (it should then be encrypted again). */
export interface Opened {
  plaintext: string;
  withPreviousKey: boolean;
}

/**
 * Encrypts secrets at rest with AES-256-GCM (`TOKEN_ENCRYPTION_KEY`). The associated data binds a
 * ciphertext to where it is stored (the storage key), so a record copied to another user's key does not decrypt.
 * During a key rotation it also decrypts what the previous key encrypted (`TOKEN_ENCRYPTION_KEY_PREVIOUS`); it always
 * encrypts with the current key. GCM's authentication tag tells the keys apart: a wrong key never yields plaintext.
 *
 * @example
 * const cipher = new TokenCipher(config.tokenEncryptionKey); // 32 bytes, decoded by config.ts
 * const envelope = cipher.encrypt('secret', 'tokens/tenant/user');
 * cipher.decrypt(envelope, 'tokens/tenant/user'); // 'secret'
 */
export class TokenCipher {
  private readonly key: KeyObject;
  private readonly previousKey: KeyObject | null;

  /** @param key exactly 32 bytes; @param previousKey the key before a rotation, 32 bytes, or null */
  constructor(key: Buffer, previousKey: Buffer | null = null) {
    this.key = secretKey(key);
    this.previousKey = previousKey ? secretKey(previousKey) : null;
  }

  encrypt(plaintext: string, associatedData: string): EncryptedEnvelope {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  /** @throws TokenDecryptionError when the envelope is malformed or authenticates with neither key. */
  decrypt(envelope: unknown, associatedData: string): string {
    const parsed = EncryptedEnvelope.safeParse(envelope);
    if (!parsed.success) throw new TokenDecryptionError('not an encrypted envelope');
    return this.open(parsed.data, associatedData).plaintext;
  }

  /**
   * Like `decrypt`, for an envelope its reader has parsed already (as part of its record), and says whether the
   * previous key was needed.
   */
  open(envelope: EncryptedEnvelope, associatedData: string): Opened {
    const iv = Buffer.from(envelope.iv, 'base64');
    const tag = Buffer.from(envelope.tag, 'base64');
    // A short tag would weaken the authentication, and GCM accepts any IV length: insist on the exact sizes.
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new TokenDecryptionError('wrong IV or tag size');
    const data = Buffer.from(envelope.data, 'base64');
    const current = decryptWith(this.key, { iv, tag, data }, associatedData);
    if (current !== null) return { plaintext: current, withPreviousKey: false };
    const previous = this.previousKey ? decryptWith(this.previousKey, { iv, tag, data }, associatedData) : null;
    if (previous !== null) return { plaintext: previous, withPreviousKey: true };
    throw new TokenDecryptionError('authentication failed');
  }
}

function secretKey(key: Buffer): KeyObject {
  if (key.length !== KEY_BYTES) throw new RangeError(`TokenCipher: the key must be ${KEY_BYTES} bytes, got ${key.length}`);
  return createSecretKey(Buffer.from(key));
}

/** The plaintext, or null when the tag does not authenticate with this key and associated data. */
function decryptWith(key: KeyObject, parts: { iv: Buffer; tag: Buffer; data: Buffer }, associatedData: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
