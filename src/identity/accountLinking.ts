import type { Locale } from '../core/locale';
import type { UserKey } from '../core/userKey';
import type { AuthenticateResponse } from '../digioffice/dto';
import type { SignInStates } from './signInStates';
import type { TokenStore } from './tokenStore';

export interface CredentialsAuthApi {
  authenticateWithCredentials(userName: string, password: string): Promise<AuthenticateResponse>;
}

export type SignInResult =
  | { kind: 'signedIn'; user: UserKey; locale: Locale; displayName: string }
  /** The state is unknown, used or expired: the user must ask for a new link in Teams. */
  | { kind: 'expired' }
  | { kind: 'rejected'; locale: Locale };

/**
 * Account linking (DIGIOFFICE_AUTH=credentials, docs/admin-guide.md §7.1): single-use sign-in links, the credentials exchange at
 * DigiOffice, and the encrypted tokens that result. The password passes through and is never stored or logged.
 */
/** Wrong passwords one sign-in link allows before it is burned (guessing needs a new link from Teams each time). */
export const MAX_FAILED_ATTEMPTS = 5;

export class AccountLinking {
  /** Failed attempts per live link, this instance only: a bound on guessing, not an audit. */
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly deps: {
      states: SignInStates;
      tokens: TokenStore;
      auth: CredentialsAuthApi;
      publicUrl: string;
      clock: { now(): Date };
      isInvalidCredentials(err: unknown): boolean;
    },
  ) {}

  async signInUrl(user: UserKey, locale: Locale): Promise<string> {
    const state = await this.deps.states.issue({ user, locale });
    return `${this.deps.publicUrl}/auth/signin?state=${encodeURIComponent(state)}`;
  }

  /** The locale of a valid sign-in link (for the form), or null when it is unknown or expired. */
  async formLocale(state: string): Promise<Locale | null> {
    return (await this.deps.states.peek(state))?.locale ?? null;
  }

  async complete(state: string, userName: string, password: string): Promise<SignInResult> {
    const context = await this.deps.states.peek(state);
    if (!context) return { kind: 'expired' };
    let response: AuthenticateResponse;
    try {
      response = await this.deps.auth.authenticateWithCredentials(userName, password);
    } catch (err) {
      if (!this.deps.isInvalidCredentials(err)) throw err;
      return (await this.countFailure(state)) ? { kind: 'rejected', locale: context.locale } : { kind: 'expired' };
    }
    this.failures.delete(state);
    // Consumed only after DigiOffice accepted the credentials, so a typo does not burn the link.
    const consumed = await this.deps.states.consume(state);
    if (!consumed) return { kind: 'expired' };
    const displayName = response.DisplayName ?? response.UserName ?? userName;
    await this.deps.tokens.save(consumed.user, {
      bearerToken: response.BearerToken,
      refreshToken: response.RefreshToken ?? null,
      digiOfficeUserId: response.UserId ?? null,
      userName: response.UserName ?? userName,
      displayName,
      linkedAt: this.deps.clock.now().toISOString(),
    });
    return { kind: 'signedIn', user: consumed.user, locale: consumed.locale, displayName };
  }

  /** Counts a wrong password; false when that was the last one allowed (the link is burned). */
  private async countFailure(state: string): Promise<boolean> {
    const count = (this.failures.get(state) ?? 0) + 1;
    if (count < MAX_FAILED_ATTEMPTS) {
      this.failures.set(state, count);
      return true;
    }
    this.failures.delete(state);
    await this.deps.states.consume(state);
    return false;
  }

  async isLinked(user: UserKey): Promise<boolean> {
    return (await this.deps.tokens.load(user)) !== null;
  }

  async displayName(user: UserKey): Promise<string | null> {
    const account = await this.deps.tokens.load(user);
    return account ? (account.displayName ?? account.userName) : null;
  }

  async signOut(user: UserKey): Promise<void> {
    await this.deps.tokens.remove(user);
  }
}
