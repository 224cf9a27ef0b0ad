import type { Locale } from '../core/locale';
import type { SignInCodeResult, SignInPort } from '../core/signIn';
import { userPath, type UserKey } from '../core/userKey';
import type { AuthenticateResponse } from '../digioffice/dto';
import type { AttemptSlots } from './attemptSlots';
import type { SignInCodes } from './signInCodes';
import type { SignInContext, SignInStates } from './signInStates';
import { nameOfAccount, type LinkedAccount, type TokenStore } from './tokenStore';

export interface CredentialsAuthApi {
  authenticateWithCredentials(userName: string, password: string): Promise<AuthenticateResponse>;
}

/** A usable sign-in link: its state and what it stands for, read once for the page that shows or takes its form. */
export interface SignInLink extends SignInContext {
  state: string;
}

/** What the sign-in form's POST leads to. */
export type SignInResult =
  /** DigiOffice accepted the credentials: the account waits for `code` to come back from the Teams user who asked. */
  | { kind: 'code'; code: string; locale: Locale; displayName: string; user: UserKey; digiOfficeUserId: string | null }
  /** The state is unknown, used or expired: the user must ask for a new link in Teams. */
  | { kind: 'expired' }
  | { kind: 'rejected'; locale: Locale }
  /** Too many failed attempts for this Teams user or DigiOffice user name; DigiOffice was not asked. */
  | { kind: 'limited'; locale: Locale; retryAfterMs: number };

/** What bringing back a code leads to; a link also names the DigiOffice user, for the audit (no second read). */
export type RedeemResult =
  Exclude<SignInCodeResult, { kind: 'linked' }> | (Extract<SignInCodeResult, { kind: 'linked' }> & { digiOfficeUserId: string | null });

export interface AccountLinkingDeps {
  states: SignInStates;
  codes: SignInCodes;
  attempts: AttemptSlots;
  tokens: TokenStore;
  auth: CredentialsAuthApi;
  publicUrl: string;
  clock: { now(): Date };
  isInvalidCredentials(err: unknown): boolean;
}

/**
 * Account linking (DIGIOFFICE_AUTH=credentials, docs/architecture.md, "Sign-in"). A Teams user gets a single-use sign-in link;
 * whoever opens it signs in at DigiOffice, and the tokens then wait for a one-time code that only the Teams user the
 * link was issued to can bring back. So a link filled in by someone else links nothing. Guessing is limited per Teams
 * user and per DigiOffice user name, and wrong codes per Teams user, before anything is checked. The password passes
 * through to DigiOffice and is never stored or logged.
 */
export class AccountLinking implements SignInPort {
  constructor(private readonly deps: AccountLinkingDeps) {}

  async signInUrl(user: UserKey, locale: Locale): Promise<string> {
    const state = await this.deps.states.issue({ user, locale });
    return `${this.deps.publicUrl}/auth/signin?state=${encodeURIComponent(state)}`;
  }

  /** The sign-in link `state` stands for (without using it up), or null when it is unknown, used or expired. */
  async signInLink(state: string): Promise<SignInLink | null> {
    const context = await this.deps.states.peek(state);
    return context ? { ...context, state } : null;
  }

  /**
   * Checks the credentials at DigiOffice for the user of `link` (as `signInLink` read it); the link is used up once
   * they are accepted.
   */
  async complete(link: SignInLink, userName: string, password: string): Promise<SignInResult> {
    const attempt = await this.deps.attempts.take([teamsUserBucket(link.user), userNameBucket(userName)]);
    if (!attempt.ok) return { kind: 'limited', locale: link.locale, retryAfterMs: attempt.retryAfterMs };
    let response: AuthenticateResponse;
    try {
      response = await this.deps.auth.authenticateWithCredentials(userName, password);
    } catch (err) {
      if (!this.deps.isInvalidCredentials(err)) {
        await attempt.ticket.release();
        throw err;
      }
      attempt.ticket.failed();
      return { kind: 'rejected', locale: link.locale };
    }
    await attempt.ticket.release();
    // Used up only now, so a typo does not burn the link; a second success on the same link finds it used.
    const consumed = await this.deps.states.consume(link.state);
    if (!consumed) return { kind: 'expired' };
    const account = linkedAccount(response, userName, this.deps.clock.now());
    const code = await this.deps.codes.issue(consumed.user, consumed.locale, account);
    return {
      kind: 'code',
      code,
      locale: consumed.locale,
      displayName: account.displayName ?? userName,
      user: consumed.user,
      digiOfficeUserId: account.digiOfficeUserId,
    };
  }

  /** Links the account waiting for `code`, when the code was issued to `user`. */
  async redeem(user: UserKey, code: string): Promise<RedeemResult> {
    const attempt = await this.deps.attempts.take([codeBucket(user)]);
    if (!attempt.ok) return { kind: 'limited', retryAfterMs: attempt.retryAfterMs };
    const redeemed = await this.deps.codes.redeem(user, code);
    if (!redeemed) {
      attempt.ticket.failed();
      return { kind: 'wrong' };
    }
    await this.deps.tokens.save(user, redeemed.account);
    await attempt.ticket.release();
    const { account } = redeemed;
    return { kind: 'linked', displayName: nameOfAccount(account) ?? '', digiOfficeUserId: account.digiOfficeUserId };
  }

  async isLinked(user: UserKey): Promise<boolean> {
    return (await this.deps.tokens.load(user)) !== null;
  }

  async displayName(user: UserKey): Promise<string | null> {
    const account = await this.deps.tokens.load(user);
    return account ? nameOfAccount(account) : null;
  }

  async signOut(user: UserKey): Promise<void> {
    await this.deps.tokens.remove(user);
  }
}

function linkedAccount(response: AuthenticateResponse, typedUserName: string, now: Date): LinkedAccount {
  return {
    bearerToken: response.BearerToken,
    refreshToken: response.RefreshToken ?? null,
    digiOfficeUserId: response.UserId ?? null,
    userName: response.UserName ?? typedUserName,
    displayName: response.DisplayName ?? response.UserName ?? typedUserName,
    linkedAt: now.toISOString(),
  };
}

/** Password attempts on the links of one Teams user. */
function teamsUserBucket(user: UserKey): string {
  return `password-teams-user:${userPath(user)}`;
}

/** Password attempts for one DigiOffice user name, from any link; `ALEXW` and `alexw` share one count. */
function userNameBucket(userName: string): string {
  return `password-user-name:${userName.trim().normalize('NFKC').toLowerCase()}`;
}

/** Codes brought back by one Teams user. */
function codeBucket(user: UserKey): string {
  return `code-teams-user:${userPath(user)}`;
}
