import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../core/clock';
import { SIGN_IN_CODE_DIGITS } from '../core/limits';
import { LOCALES, type Locale } from '../core/locale';
import { SIGN_IN_CODE_PREFIX, signInCodeKey } from '../core/storageKeys';
import { userKeyOf, userPath, type UserKey } from '../core/userKey';
import type { Storage } from '../storage/storage';
import { OneTimeRecords } from './oneTimeRecords';
import { EncryptedEnvelope, TokenDecryptionError, type TokenCipher } from './tokenCipher';
import { LinkedAccountSchema, type LinkedAccount } from './tokenStore';

/** A code is valid for as long as a sign-in link: 10 minutes. The tokens waiting for it go with it. */
export const SIGN_IN_CODE_TTL_MS = 10 * 60 * 1000;

const CODE_PATTERN = new RegExp(`^\\d{${SIGN_IN_CODE_DIGITS}}$`);
const ISSUE_TRIES = 5;

const Pending = z.object({
  user: z.object({ tenantId: z.string(), aadObjectId: z.string() }),
  locale: z.enum(LOCALES),
  /** The DigiOffice account, encrypted like linked tokens, with the record's key as associated data. */
  secret: EncryptedEnvelope,
});
type Pending = z.infer<typeof Pending>;

/** What a redeemed code gives: the account to link, and the language the sign-in was made in. */
export interface RedeemedCode {
  account: LinkedAccount;
  locale: Locale;
}

/**
 * The one-time codes that prove who completed a sign-in. After DigiOffice accepted the credentials, the tokens wait
 * here, encrypted, under the Teams user the sign-in link was issued to and the code's hash (`signInCodeKey`); the
 * page shows the code (and hands it to Teams). Only that same Teams user can redeem it — a code arriving from anyone
 * else is not even found — once, within 10 minutes.
 */
export class SignInCodes {
  private readonly records: OneTimeRecords<Pending>;

  constructor(
    storage: Storage,
    clock: Clock,
    private readonly cipher: TokenCipher,
    private readonly ttlMs: number = SIGN_IN_CODE_TTL_MS,
  ) {
    this.records = new OneTimeRecords(storage, clock, Pending);
  }

  /** Stores the account for `user` and returns the code that redeems it. */
  async issue(user: UserKey, locale: Locale, account: LinkedAccount): Promise<string> {
    const owner = userKeyOf(user);
    // Codes are short, so one may already wait for this user: draw again.
    for (let tries = 0; tries < ISSUE_TRIES; tries++) {
      const code = randomInt(0, 10 ** SIGN_IN_CODE_DIGITS)
        .toString()
        .padStart(SIGN_IN_CODE_DIGITS, '0');
      const key = signInCodeKey(owner, code);
      const secret = this.cipher.encrypt(JSON.stringify(LinkedAccountSchema.parse(account)), key);
      if (await this.records.create(key, { user: owner, locale, secret }, this.ttlMs)) return code;
    }
    throw new Error('SignInCodes: no free code');
  }

  /** The account waiting for `code` of `user`, exactly once; null for a code that is malformed, unknown, used or expired. */
  async redeem(user: UserKey, code: string): Promise<RedeemedCode | null> {
    if (!CODE_PATTERN.test(code)) return null;
    const key = signInCodeKey(user, code);
    const pending = await this.records.consume(key);
    // The key already names the user; the stored owner is checked as well, so no key mix-up can link someone else.
    if (!pending || userPath(pending.user) !== userPath(user)) return null;
    try {
      const account = LinkedAccountSchema.parse(JSON.parse(this.cipher.decrypt(pending.secret, key)));
      return { account, locale: pending.locale };
    } catch (error) {
      // Written with a key this instance does not have (a rotation finished within the code's 10 minutes).
      if (error instanceof TokenDecryptionError) return null;
      throw error;
    }
  }

  /** Deletes the codes that expired unredeemed (and their tokens); returns how many. */
  prune(): Promise<number> {
    return this.records.prune(SIGN_IN_CODE_PREFIX);
  }
}
