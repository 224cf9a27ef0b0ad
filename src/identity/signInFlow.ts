import type { CardChannel } from '../core/cardChannel';
import type { Installation } from '../core/installation';
import type { Locale } from '../core/locale';
import type { Logger } from '../core/logger';
import type { UserKey } from '../core/userKey';
import { t } from '../i18n';
import type { AccountLinking } from './accountLinking';
import { renderSignInPage } from './signInPage';

/** Where the "signed in" message goes: the user's installation (tasks/installations.ts keeps them). */
export interface InstallationLookup {
  get(user: UserKey): Promise<Installation | null>;
}

export interface HtmlResponse {
  status: number;
  html: string;
}

/** The `/auth/signin` pages: the form for a valid link, the DigiOffice exchange, and the "signed in" chat message. */
export class SignInFlow {
  constructor(
    private readonly deps: {
      linking: AccountLinking;
      installations: InstallationLookup;
      channel: CardChannel;
      defaultLocale: Locale;
      logger: Logger;
    },
  ) {}

  async form(state: string | undefined): Promise<HtmlResponse> {
    const locale = state ? await this.deps.linking.formLocale(state) : null;
    if (!state || !locale) return { status: 410, html: renderSignInPage({ kind: 'expired' }, this.deps.defaultLocale) };
    return { status: 200, html: renderSignInPage({ kind: 'form', state }, locale) };
  }

  async submit(fields: { state?: unknown; username?: unknown; password?: unknown }): Promise<HtmlResponse> {
    const state = typeof fields.state === 'string' ? fields.state : '';
    const username = typeof fields.username === 'string' ? fields.username.trim() : '';
    const password = typeof fields.password === 'string' ? fields.password : '';
    const locale = state ? await this.deps.linking.formLocale(state) : null;
    if (!locale) return { status: 410, html: renderSignInPage({ kind: 'expired' }, this.deps.defaultLocale) };
    if (!username || !password) return { status: 400, html: renderSignInPage({ kind: 'form', state, error: 'missing' }, locale) };
    let result;
    try {
      result = await this.deps.linking.complete(state, username, password);
    } catch (err) {
      this.deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'DigiOffice sign-in failed');
      return { status: 502, html: renderSignInPage({ kind: 'unavailable' }, locale) };
    }
    switch (result.kind) {
      case 'expired':
        return { status: 410, html: renderSignInPage({ kind: 'expired' }, locale) };
      case 'rejected':
        return { status: 401, html: renderSignInPage({ kind: 'form', state, error: 'rejected' }, result.locale) };
      case 'signedIn': {
        const installation = await this.deps.installations.get(result.user);
        if (installation) {
          await this.deps.channel
            .sendText(installation.reference, t(result.locale, 'chat.signedIn', { name: result.displayName }))
            .catch((err: unknown) =>
              this.deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not confirm the sign-in in Teams'),
            );
        }
        return { status: 200, html: renderSignInPage({ kind: 'done', displayName: result.displayName }, result.locale) };
      }
    }
  }
}
