import type { Locale } from '../core/locale';
import type { Logger } from '../core/logger';
import type { AccountLinking } from './accountLinking';
import { renderSignInPage, type SignInPage } from './signInPage';

export interface HtmlResponse {
  status: number;
  html: string;
}

/** The form's fields as read from the body; anything not a string counts as missing. */
export interface SignInForm {
  state?: unknown;
  username?: unknown;
  password?: unknown;
}

/**
 * The `/auth/signin` pages: the form for a valid link, the DigiOffice exchange, and the page with the one-time code
 * (docs/architecture.md, "Sign-in"). Every answer is a whole page in the link's language, so the user always reads what happened.
 */
export class SignInFlow {
  constructor(
    private readonly deps: {
      linking: AccountLinking;
      defaultLocale: Locale;
      logger: Logger;
    },
  ) {}

  async form(state: string | undefined): Promise<HtmlResponse> {
    const link = state ? await this.deps.linking.signInLink(state) : null;
    if (!link) return this.expired(this.deps.defaultLocale);
    return { status: 200, html: renderSignInPage({ kind: 'form', state: link.state }, link.locale) };
  }

  async submit(fields: SignInForm): Promise<HtmlResponse> {
    const state = typeof fields.state === 'string' ? fields.state : '';
    const userName = typeof fields.username === 'string' ? fields.username.trim() : '';
    const password = typeof fields.password === 'string' ? fields.password : '';
    // Read once: the page's language, the audit's user and the check of the credentials all take this read.
    const link = state ? await this.deps.linking.signInLink(state) : null;
    if (!link) return this.expired(this.deps.defaultLocale);
    const { locale } = link;
    const form = (status: number, page: Extract<SignInPage, { kind: 'form' }>): HtmlResponse => ({
      status,
      html: renderSignInPage(page, locale),
    });
    if (!userName || !password) return form(400, { kind: 'form', state, userName, error: { kind: 'missing' } });
    let result;
    try {
      result = await this.deps.linking.complete(link, userName, password);
    } catch (err) {
      this.deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'DigiOffice sign-in failed');
      return { status: 502, html: renderSignInPage({ kind: 'unavailable' }, locale) };
    }
    switch (result.kind) {
      case 'expired':
        return this.expired(locale);
      case 'rejected':
        return form(401, { kind: 'form', state, userName, error: { kind: 'rejected' } });
      case 'limited':
        this.deps.logger.warn({}, 'sign-in refused: too many failed attempts for this Teams user or DigiOffice user name');
        return form(429, { kind: 'form', state, userName, error: { kind: 'limited', retryAfterMs: result.retryAfterMs } });
      case 'code':
        return { status: 200, html: renderSignInPage({ kind: 'code', code: result.code, displayName: result.displayName }, result.locale) };
    }
  }

  private expired(locale: Locale): HtmlResponse {
    return { status: 410, html: renderSignInPage({ kind: 'expired' }, locale) };
  }
}
