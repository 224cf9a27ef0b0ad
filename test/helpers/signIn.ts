import type { Harness } from './harness';
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
