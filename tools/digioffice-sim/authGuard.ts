import type { AuthStore, Session } from './authStore';
import { notAuthenticated } from './errors';
import type { ApiRequest } from './router';

/** The bearer token of a request: `Authorization: Bearer …`, else the `ss-tok` cookie (ServiceStack's JWT cookie). */
export function bearerTokenOf(req: Pick<ApiRequest, 'headers'>): string | null {
  const header = /^Bearer\s+(\S+)\s*$/i.exec(req.headers['authorization'] ?? '');
  if (header?.[1]) return header[1];
  return cookiesOf(req)['ss-tok'] ?? null;
}

export function cookiesOf(req: Pick<ApiRequest, 'headers'>): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.headers['cookie'] ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

/** `[Authenticate]`: the caller's session, or the 401 "Not Authenticated" error. */
export function requireSession(auth: AuthStore, req: ApiRequest): Session {
  const token = bearerTokenOf(req);
  const session = token === null ? null : auth.authenticate(token);
  if (!session) throw notAuthenticated();
  return session;
}
