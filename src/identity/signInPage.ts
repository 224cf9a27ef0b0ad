import type { Locale } from '../core/locale';
import { minutesToWait, t } from '../i18n';

/** Where the page's own stylesheet and scripts are served (server.ts), on the bot's own host. */
export const SIGN_IN_ASSETS = {
  stylesheet: '/auth/assets/signin.css',
  script: '/auth/assets/signin.js',
  teamsJs: '/auth/assets/MicrosoftTeams.min.js',
} as const;

export type FormError = { kind: 'rejected' } | { kind: 'missing' } | { kind: 'limited'; retryAfterMs: number };

export type SignInPage =
  /** `userName` is put back after an error (never the password). */
  | { kind: 'form'; state: string; userName?: string; error?: FormError }
  /** DigiOffice accepted the credentials: the one-time code that links the account, for Teams or to type into the chat. */
  | { kind: 'code'; code: string; displayName: string }
  | { kind: 'expired' }
  | { kind: 'unavailable' };

/**
 * The HTML pages of the credentials sign-in. No inline script or style (the content security policy allows only the
 * page's own files); everything the user must read is in the HTML, so the page works without scripts. Only the code
 * page loads scripts: Teams JS, and `signin.js`, which hands the code to Teams when Teams opened the page.
 */
export function renderSignInPage(page: SignInPage, locale: Locale): string {
  const title = t(locale, 'signin.pageTitle');
  const scripts =
    page.kind === 'code'
      ? `\n<script src="${SIGN_IN_ASSETS.teamsJs}" defer></script>\n<script src="${SIGN_IN_ASSETS.script}" defer></script>`
      : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${SIGN_IN_ASSETS.stylesheet}">${scripts}
</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body(page, locale)}
</main></body>
</html>`;
}

function body(page: SignInPage, locale: Locale): string {
  switch (page.kind) {
    case 'form':
      return form(page, locale);
    case 'code':
      return `<p role="status">${escapeHtml(t(locale, 'signin.codeSignedIn', { name: page.displayName }))}</p>
<p>${escapeHtml(t(locale, 'signin.codeInstruction'))}</p>
<p class="code" id="signin-code">${escapeHtml(page.code)}</p>
<p class="note">${escapeHtml(t(locale, 'signin.codeNote'))}</p>
<p class="note">${escapeHtml(t(locale, 'signin.codeTeams'))}</p>`;
    case 'expired':
      return `<p class="error" role="alert">${escapeHtml(t(locale, 'signin.expired'))}</p>`;
    case 'unavailable':
      return `<p class="error" role="alert">${escapeHtml(t(locale, 'signin.unavailable'))}</p>`;
  }
}

function form(page: Extract<SignInPage, { kind: 'form' }>, locale: Locale): string {
  const error = page.error ? `<p class="error" role="alert">${escapeHtml(errorText(page.error, locale))}</p>\n` : '';
  const userName = page.userName ? ` value="${escapeHtml(page.userName)}"` : '';
  // The field the user has to fill in next gets the focus: the password when the user name was kept.
  const [nameFocus, passwordFocus] = page.userName ? ['', ' autofocus'] : [' autofocus', ''];
  return `<p>${escapeHtml(t(locale, 'signin.intro'))}</p>
${error}<form method="post" action="/auth/signin" autocomplete="on">
<input type="hidden" name="state" value="${escapeHtml(page.state)}">
<label for="username">${escapeHtml(t(locale, 'signin.username'))}</label>
<input id="username" name="username" autocomplete="username" required${userName}${nameFocus}>
<label for="password">${escapeHtml(t(locale, 'signin.password'))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${passwordFocus}>
<button type="submit">${escapeHtml(t(locale, 'signin.submit'))}</button>
</form>`;
}

function errorText(error: FormError, locale: Locale): string {
  switch (error.kind) {
    case 'rejected':
      return t(locale, 'signin.rejected');
    case 'missing':
      return t(locale, 'signin.missing');
    case 'limited':
      return t(locale, 'signin.limited', { minutes: minutesToWait(error.retryAfterMs) });
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
