import { DomUtils, parseDocument } from 'htmlparser2';
import type { Locale } from '../../src/core/locale';
import { t } from '../../src/i18n';
import type { Harness } from './harness';
import { storedRows } from './storeCopy';
import { messageActivity, type TeamsUser } from './teamsActivities';

/** Types `sign in` as the user and returns the sign-in link from the card the bot answers with. */
export async function signInUrlFor(harness: Harness, user: TeamsUser): Promise<string> {
  const before = harness.connector.calls.length;
  await harness.activity(messageActivity(user, 'sign in', { serviceUrl: harness.serviceUrl }));
  const call = await harness.connector.waitFor(
    (c) => harness.connector.calls.indexOf(c) >= before && c.conversationId === user.conversationId && findOpenUrl(c.body) !== null,
  );
  const url = findOpenUrl(call.body);
  if (!url) throw new Error('no sign-in link');
  return url;
}

/** The `state` of a sign-in link. */
export function stateOf(url: string): string {
  return new URL(url).searchParams.get('state') ?? '';
}

/** Posts the sign-in form as a browser does; resolves to the status, the headers and the page. */
export async function submitSignIn(
  harness: Pick<Harness, 'botUrl'>,
  state: string,
  username: string,
  password: string,
): Promise<{ status: number; headers: Headers; html: string }> {
  const response = await fetch(`${harness.botUrl}/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state, username, password }).toString(),
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The one-time code in the page's `id="signin-code"` element, read with an HTML parser; null when there is none. */
export function signInCodeIn(html: string): string | null {
  const element = DomUtils.getElementById('signin-code', parseDocument(html).children);
  return element ? DomUtils.textContent(element).trim() : null;
}

/** The first Action.OpenUrl pointing at /auth/signin anywhere in an activity. */
export function findOpenUrl(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findOpenUrl(v);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.type === 'Action.OpenUrl' && typeof o.url === 'string' && o.url.includes('/auth/signin')) return o.url;
    for (const v of Object.values(o)) {
      const found = findOpenUrl(v);
      if (found) return found;
    }
  }
  return null;
}

/** The full invoke body of Teams' sign-in request, as the bot must answer a click without a usable DigiOffice session. */
export function loginRequestBody(botUrl: string, locale: Locale = 'en') {
  return {
    statusCode: 401,
    type: 'application/vnd.microsoft.activity.loginRequest',
    value: {
      text: t(locale, 'signin.loginRequest'),
      connectionName: 'digioffice-account',
      buttons: [
        {
          type: 'signin',
          title: t(locale, 'signinCard.button'),
          text: t(locale, 'signinCard.button'),
          value: expect.stringMatching(
            new RegExp(`^${botUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/auth/signin\\?state=[A-Za-z0-9_-]{43}$`),
          ),
        },
      ],
    },
  };
}

/** The sign-in link of a login request's button. */
export function loginRequestUrl(body: unknown): string {
  const url = (body as { value?: { buttons?: Array<{ value?: unknown }> } }).value?.buttons?.[0]?.value;
  if (typeof url !== 'string') throw new Error(`not a login request: ${JSON.stringify(body)}`);
  return url;
}

/** The keys of the DigiOffice sessions stored (one per linked Teams user), from the bot's database file. */
export function linkedUsers(h: Pick<Harness, 'storageDir'>): string[] {
  return storedRows(h.storageDir)
    .filter((row) => row.key.startsWith('tokens/'))
    .map((row) => row.key);
}
