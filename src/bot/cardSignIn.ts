import type { InvokeResponse } from 'botbuilder';
import type { SignInPort } from '../core/signIn';
import { minutesToWait, t } from '../i18n';
import type { ActivityUser } from './activityContext';
import { invokeResponses } from './invokeResponses';

/**
 * Sign-in inside a card action (docs/architecture.md, "Sign-in"): a click without a usable DigiOffice session is answered
 * with Teams' login request; Teams then sends the same action again with the page's one-time code in `state`, and
 * the action goes on only when that code was issued to the user who clicked.
 */
export class CardSignIn {
  constructor(private readonly linking: Pick<SignInPort, 'signInUrl' | 'redeem' | 'isLinked'>) {}

  /** A new single-use sign-in link for the user. */
  url(user: ActivityUser): Promise<string> {
    return this.linking.signInUrl(user.key, user.locale);
  }

  async loginRequest(user: ActivityUser): Promise<InvokeResponse> {
    return invokeResponses.loginRequest(t(user.locale, 'signin.loginRequest'), t(user.locale, 'signinCard.button'), await this.url(user));
  }

  /**
   * Redeems the code Teams sent back with the action. Null: the action may go on (the account is linked now). Else
   * the answer: a fresh login request for a code that links nothing, as Teams' own sign-in does; a message once
   * the user sent too many wrong codes.
   */
  async redeemState(user: ActivityUser, state: string): Promise<InvokeResponse | null> {
    const result = await this.linking.redeem(user.key, state);
    switch (result.kind) {
      case 'linked':
        return null;
      case 'limited':
        return invokeResponses.message(t(user.locale, 'signin.tooManyCodes', { minutes: minutesToWait(result.retryAfterMs) }));
      case 'wrong':
        // Teams may send the action twice: the first one linked the account with this code, the second goes on too.
        return (await this.linking.isLinked(user.key)) ? null : this.loginRequest(user);
    }
  }
}
