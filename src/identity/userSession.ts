import { SignInRequiredError, type ActingAccount } from '../core/session';
import { userPath, type UserKey } from '../core/userKey';
import { nameOfAccount, type TokenStore, type VersionedAccount } from './tokenStore';

/** The part of the DigiOffice client this needs: exchanging a refresh token for a new bearer (`/api/access-token`). */
export interface DigiOfficeAuthApi {
  refreshAccessToken(refreshToken: string): Promise<string>;
}

export interface UserSessionOptions {
  tokens: TokenStore;
  auth: DigiOfficeAuthApi;
  /** True for the DigiOffice client's 401 error (the bearer was not accepted). */
  isUnauthorized(err: unknown): boolean;
  /**
   * True when DigiOffice refused the refresh token itself (a 4xx answer). Other refresh failures (timeout, 5xx) are
   * outages: they pass through and the tokens are kept, so an outage never signs anybody out.
   */
  isRefreshRejected(err: unknown): boolean;
}

/**
 * Calls DigiOffice as the user: with their stored bearer, refreshing it once when DigiOffice answers
 * 401, and asking for a new sign-in (`SignInRequiredError`) when that does not help.
 */
export class UserSession {
  /**
   * One refresh per user at a time: concurrent 401s with the same bearer wait for the same refresh instead of
   * each spending the refresh token. Shared across turns on purpose; entries live only while a refresh runs.
   */
  private readonly refreshing = new Map<string, Promise<string>>();

  constructor(private readonly options: UserSessionOptions) {}

  /**
   * Runs `call` with the user's bearer token and returns its result; errors other than 401 pass through.
   * @throws SignInRequiredError when no account is linked, or the tokens no longer work.
   */
  async callAsUser<T>(user: UserKey, call: (bearerToken: string, account: ActingAccount) => Promise<T>): Promise<T> {
    const linked = await this.options.tokens.loadVersioned(user);
    if (!linked) throw new SignInRequiredError('notLinked');
    const acting = { displayName: nameOfAccount(linked.account), digiOfficeUserId: linked.account.digiOfficeUserId };
    try {
      return await call(linked.account.bearerToken, acting);
    } catch (error) {
      if (!this.options.isUnauthorized(error)) throw error;
    }
    const bearer = await this.refreshedBearer(user, linked.account.bearerToken);
    try {
      return await call(bearer, acting);
    } catch (error) {
      if (!this.options.isUnauthorized(error)) throw error;
      await this.options.tokens.remove(user);
      throw new SignInRequiredError('expired');
    }
  }

  private refreshedBearer(user: UserKey, rejectedBearer: string): Promise<string> {
    const key = userPath(user);
    let pending = this.refreshing.get(key);
    if (!pending) {
      pending = this.refresh(user, rejectedBearer).finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, pending);
    }
    return pending;
  }

  private async refresh(user: UserKey, rejectedBearer: string): Promise<string> {
    const current = await this.options.tokens.loadVersioned(user);
    if (!current) throw new SignInRequiredError('expired');
    // Refreshed (or signed in anew) since this call read its bearer: use that instead of refreshing again.
    if (current.account.bearerToken !== rejectedBearer) return current.account.bearerToken;
    const refreshToken = current.account.refreshToken;
    if (refreshToken === null) return this.expire(user);
    let bearerToken: string;
    try {
      bearerToken = await this.options.auth.refreshAccessToken(refreshToken);
    } catch (error) {
      if (this.options.isRefreshRejected(error)) return this.expire(user);
      throw error;
    }
    return this.store(user, current, bearerToken);
  }

  private async store(user: UserKey, current: VersionedAccount, bearerToken: string): Promise<string> {
    if (await this.options.tokens.replace(user, current.eTag, { ...current.account, bearerToken })) return bearerToken;
    // The record changed during the refresh: a sign-out must stay signed out, a new sign-in wins.
    const latest = await this.options.tokens.load(user);
    if (!latest) throw new SignInRequiredError('expired');
    return latest.bearerToken;
  }

  private async expire(user: UserKey): Promise<never> {
    await this.options.tokens.remove(user);
    throw new SignInRequiredError('expired');
  }
}
