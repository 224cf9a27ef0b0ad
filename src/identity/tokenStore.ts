import { z } from 'zod';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { tokensKey } from '../core/storageKeys';
import type { UserKey } from '../core/userKey';
import { ETagConflictError, type Storage } from '../storage/storage';
import { EncryptedEnvelope, TokenDecryptionError, type Opened, type TokenCipher } from './tokenCipher';

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

/** The user's name as their DigiOffice account gives it. */
export function nameOfAccount(account: LinkedAccount): string | null {
  return account.displayName ?? account.userName;
}

/** A linked account with the storage eTag it was read with, for conditional replacement. */
export interface VersionedAccount {
  account: LinkedAccount;
  eTag: string;
}

export const LinkedAccountSchema = z.object({
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
 * A record encrypted with `TOKEN_ENCRYPTION_KEY_PREVIOUS` is encrypted again with the current key when it is read
 * (a key rotation signs nobody out). A record that neither key decrypts, or that cannot be read, reads as "not
 * linked", with one warning per user: the user is asked to sign in again, which overwrites it.
 */
export class TokenStore {
  /**
   * The users whose record was reported unreadable, so the log says it once per user rather than on every click.
   * Bounded by the users with such a record; a user leaves it by signing in again.
   */
  private readonly reported = new Set<string>();

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
    this.reported.delete(key);
  }

  async load(user: UserKey): Promise<LinkedAccount | null> {
    return (await this.loadVersioned(user))?.account ?? null;
  }

  async loadVersioned(user: UserKey): Promise<VersionedAccount | null> {
    let found = await this.read(user);
    if (found?.withPreviousKey) {
      await this.reencrypt(user, found);
      found = await this.read(user);
    }
    return found ? { account: found.account, eTag: found.eTag } : null;
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

  private async read(user: UserKey): Promise<(VersionedAccount & { withPreviousKey: boolean }) | null> {
    const key = tokensKey(user);
    const item = (await this.storage.read([key]))[key];
    if (!item) return null;
    const record = TokenRecord.safeParse(item);
    if (!record.success || record.data.eTag === undefined) {
      this.reportOnce(key, 'token record has an unknown shape; treating the user as not linked');
      return null;
    }
    const opened = this.decrypt(key, record.data);
    return opened ? { ...opened, eTag: record.data.eTag } : null;
  }

  /**
   * Stores a record read with the previous key again, encrypted with the current one. Conditionally: a sign-in,
   * refresh or sign-out since the read wins.
   */
  private async reencrypt(user: UserKey, found: VersionedAccount): Promise<void> {
    if (await this.replace(user, found.eTag, found.account)) {
      this.logger.info({ key: tokensKey(user) }, 'token record encrypted again with the current key');
    }
  }

  private decrypt(key: string, record: TokenRecord): { account: LinkedAccount; withPreviousKey: boolean } | null {
    let opened: Opened;
    try {
      opened = this.cipher.open(record.secret, key);
    } catch (error) {
      if (!(error instanceof TokenDecryptionError)) throw error;
      this.reportOnce(key, 'token record does not decrypt; treating the user as not linked', { reason: error.message });
      return null;
    }
    const account = LinkedAccountSchema.safeParse(parseJson(opened.plaintext));
    if (!account.success) {
      this.reportOnce(key, 'decrypted token record has an unknown shape; treating the user as not linked');
      return null;
    }
    return { account: account.data, withPreviousKey: opened.withPreviousKey };
  }

  private reportOnce(key: string, message: string, details: object = {}): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.logger.warn({ key, ...details }, message);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
