import type { UserKey } from './userKey';

/** What a call as the user learns of their account along with the token (read with it: no second read). */
export interface ActingAccount {
  /** The user's name as their DigiOffice account gives it (display name, else user name). */
  displayName: string | null;
  digiOfficeUserId: string | null;
}

/** Runs a DigiOffice call as the user (token lookup and refresh live behind this port, in `identity/`). */
export interface ActAsUser {
  /** @throws SignInRequiredError when the user has no working DigiOffice sign-in. */
  callAsUser<T>(user: UserKey, call: (bearerToken: string, account: ActingAccount) => Promise<T>): Promise<T>;
}

export type SignInRequiredReason = 'notLinked' | 'expired';

/**
 * The user must sign in (again) before the bot can act for them: `notLinked` when no account is linked, `expired`
 * when the linked tokens stopped working and could not be refreshed (they have been removed).
 */
export class SignInRequiredError extends Error {
  constructor(readonly reason: SignInRequiredReason) {
    super(reason === 'notLinked' ? 'No DigiOffice account is linked for this user.' : 'The DigiOffice sign-in of this user has expired.');
    this.name = 'SignInRequiredError';
  }
}
