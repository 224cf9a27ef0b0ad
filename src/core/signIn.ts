import type { Locale } from './locale';
import type { UserKey } from './userKey';

/** What a one-time sign-in code brought back by a Teams user (typed, or passed by Teams) leads to. */
export type SignInCodeResult =
  | { kind: 'linked'; displayName: string }
  /** Malformed, unknown, used, expired, or issued to someone else: nothing was linked. */
  | { kind: 'wrong' }
  /** Too many wrong codes from this user lately; the code was not even looked at. */
  | { kind: 'limited'; retryAfterMs: number };

/**
 * The account linking as the chat and the card actions use it (implemented in `identity/`, docs/architecture.md,
 * "Sign-in").
 */
export interface SignInPort {
  isLinked(user: UserKey): Promise<boolean>;
  displayName(user: UserKey): Promise<string | null>;
  /** A new single-use sign-in link for the user, in their language. */
  signInUrl(user: UserKey, locale: Locale): Promise<string>;
  /** Links the account waiting for a one-time code, when the code was issued to this user. */
  redeem(user: UserKey, code: string): Promise<SignInCodeResult>;
  signOut(user: UserKey): Promise<void>;
}
