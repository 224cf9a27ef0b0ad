import type { Locale } from '../core/locale';
import { t } from '../i18n';

export type SignInPage =
  | { kind: 'form'; state: string; error?: 'rejected' | 'missing' }
  | { kind: 'done'; displayName: string }
  | { kind: 'expired' }
  | { kind: 'unavailable' };

/** The plain HTML pages of the credentials sign-in. No script, no external resources. */
export function renderSignInPage(page: SignInPage, locale: Locale): string {
  const title = t(locale, 'signin.pageTitle');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:"Segoe UI",system-ui,sans-serif;background:#f5f5f5;color:#242424;display:flex;justify-content:center;padding:48px 16px;margin:0}
main{background:#fff;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.12);padding:32px;max-width:360px;width:100%}
h1{font-size:20px;margin:0 0 16px}label{display:block;margin:12px 0 4px;font-weight:600}
input{width:100%;box-sizing:border-box;padding:8px;border:1px solid #8a8886;border-radius:4px;font-size:14px}
button{margin-top:20px;width:100%;padding:10px;border:0;border-radius:4px;background:#0f6cbd;color:#fff;font-size:14px;font-weight:600;cursor:pointer}
.error{color:#b10e1c;margin:8px 0}
</style>
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
      return `<p>${escapeHtml(t(locale, 'signin.intro'))}</p>
${page.error ? `<p class="error" role="alert">${escapeHtml(t(locale, page.error === 'rejected' ? 'signin.rejected' : 'signin.missing'))}</p>` : ''}
<form method="post" action="/auth/signin" autocomplete="on">
<input type="hidden" name="state" value="${escapeHtml(page.state)}">
<label for="username">${escapeHtml(t(locale, 'signin.username'))}</label>
<input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">${escapeHtml(t(locale, 'signin.password'))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(t(locale, 'signin.submit'))}</button>
</form>`;
    case 'done':
      return `<p role="status">${escapeHtml(t(locale, 'signin.done', { name: page.displayName }))}</p>`;
    case 'expired':
      return `<p class="error" role="alert">${escapeHtml(t(locale, 'signin.expired'))}</p>`;
    case 'unavailable':
      return `<p class="error" role="alert">${escapeHtml(t(locale, 'signin.unavailable'))}</p>`;
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
