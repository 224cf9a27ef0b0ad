import { z } from 'zod';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { tokensKey } from '../core/storageKeys';
import type { UserKey } from '../core/userKey';
import { ETagConflictError, type Storage } from '../storage/storage';
import { EncryptedEnvelope, TokenDecryptionError, type TokenCipher } from './tokenCipher';

/** A user's DigiOffice account as linked through sign-in. Never logged, only stored encrypted. */
export interface LinkedAccount {
  bearerToken: string;
  refreshToken: string | null;
  digiOfficeUserId: string | null;
  userName: string | null;
  displayName: string | null;
  /** ISO instant of the sign-in. */
  linkedAt: string;
}

/** A linked account with the storage eTag it was read with, for conditional replacement. */
export interface VersionedAccount {
  account: LinkedAccount;
  eTag: string;
}

const LinkedAccountSchema = z.object({
  bearerToken: z.string().min(1),
  refreshToken: z.string().nullable(),
  digiOfficeUserId: z.string().nullable(),
  userName: z.string().nullable(),
  displayName: z.string().nullable(),
  linkedAt: z.string(),
});

/** The stored record: everything about the account is inside `secret`; only the version and a timestamp are clear. */
const TokenRecord = z.object({
  v: z.literal(1),
  updatedAt: z.string(),
  secret: EncryptedEnvelope,
  eTag: z.string().optional(),
});
type TokenRecord = z.infer<typeof TokenRecord>;

/**
 * Linked DigiOffice tokens per Teams user, encrypted at rest (key: `tokensKey`). The storage key is the cipher's
 * associated data, so a record copied to another user's key does not decrypt.
 *
 * A record that cannot be decrypted (e.g. `TOKEN_ENCRYPTION_KEY` was changed) or read reads as "not linked", with
 * a warning: the user is asked to sign in again, which overwrites it.
 */
export class TokenStore {
  constructor(
    private readonly storage: Storage,
    private readonly cipher: TokenCipher,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Links (or re-links) the account, replacing whatever was stored. */
  async save(user: UserKey, account: LinkedAccount): Promise<void> {
    const key = tokensKey(user);
    await this.storage.write({ [key]: this.record(key, account) });
  }

  async load(user: UserKey): Promise<LinkedAccount | null> {
    return (await this.loadVersioned(user))?.account ?? null;
  }

  async loadVersioned(user: UserKey): Promise<VersionedAccount | null> {
    const key = tokensKey(user);
    const item = (await this.storage.read([key]))[key];
    if (!item) return null;
    const record = TokenRecord.safeParse(item);
    if (!record.success || record.data.eTag === undefined) {
      this.logger.warn({ key }, 'token record has an unknown shape; treating the user as not linked');
      return null;
    }
    const account = this.decrypt(key, record.data);
    return account ? { account, eTag: record.data.eTag } : null;
  }

  /**
   * Stores `account` only if the record still has `eTag` (not re-linked, refreshed or removed since it was read).
   * @returns false, writing nothing, when it changed.
   */
  async replace(user: UserKey, eTag: string, account: LinkedAccount): Promise<boolean> {
    const key = tokensKey(user);
    try {
      await this.storage.write({ [key]: { ...this.record(key, account), eTag } });
      return true;
    } catch (error) {
      if (error instanceof ETagConflictError) return false;
      throw error;
    }
  }

  async remove(user: UserKey): Promise<void> {
    await this.storage.delete([tokensKey(user)]);
  }

  private record(key: string, account: LinkedAccount): TokenRecord {
    const secret = this.cipher.encrypt(JSON.stringify(LinkedAccountSchema.parse(account)), key);
    return { v: 1, updatedAt: this.clock.now().toISOString(), secret };
  }

  private decrypt(key: string, record: TokenRecord): LinkedAccount | null {
    let plaintext: string;
    try {
      plaintext = this.cipher.decrypt(record.secret, key);
    } catch (error) {
      if (!(error instanceof TokenDecryptionError)) throw error;
      this.logger.warn({ key, reason: error.message }, 'token record does not decrypt; treating the user as not linked');
      return null;
    }
    const account = LinkedAccountSchema.safeParse(parseJson(plaintext));
    if (!account.success) {
      this.logger.warn({ key }, 'decrypted token record has an unknown shape; treating the user as not linked');
      return null;
    }
    return account.data;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
