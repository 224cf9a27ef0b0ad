import { randomUUID } from 'node:crypto';
import { bearerTokenOf, requireSession } from './authGuard';
import type { AuthStore, Session } from './authStore';
import { fieldOf, isJsonObject, RequestBinder, type JsonObject } from './binding';
import { fieldError, notFound, SimHttpError, validationFailed, type ResponseErrorWire } from './errors';
import type { ApiRequest, ApiResponse, Route } from './router';

/** ServiceStack's AuthFeature with the credentials provider and JWT refresh (docs/digioffice-contract.md). */

interface AuthenticateResponseWire {
  UserId: string | null;
  SessionId: string | null;
  UserName: string | null;
  DisplayName: string | null;
  ReferrerUrl: null;
  BearerToken: string | null;
  RefreshToken: string | null;
  ProfileUrl: null;
  Roles: string[];
  Permissions: string[];
  ResponseStatus: null;
}

function authenticateResponse(session: Session | null, tokens?: { bearer: string; refresh: string }): AuthenticateResponseWire {
  return {
    UserId: session ? String(session.user.id) : null,
    SessionId: session ? session.id : null,
    UserName: session ? session.user.userName : null,
    DisplayName: session ? session.user.displayName : null,
    ReferrerUrl: null,
    BearerToken: tokens?.bearer ?? null,
    RefreshToken: tokens?.refresh ?? null,
    ProfileUrl: null,
    Roles: [],
    Permissions: [],
    ResponseStatus: null,
  };
}

const COOKIE_ATTRS = 'path=/; samesite=strict; httponly';
const PERMANENT = 'expires=Fri, 01 Jan 2044 00:00:00 GMT';
const EXPIRED = 'expires=Thu, 01 Jan 1970 00:00:00 GMT';

function credentialsLogin(auth: AuthStore, body: JsonObject): ApiResponse {
  const binder = new RequestBinder('Authenticate');
  const userName = binder.string(body, 'UserName') ?? '';
  const password = binder.string(body, 'Password') ?? '';
  const rememberMe = binder.bool(body, 'RememberMe');
  binder.done();
  // ServiceStack's CredentialsAuthValidator (FluentValidation NotEmpty messages).
  const missing: ResponseErrorWire[] = [];
  if (userName.trim() === '') missing.push(fieldError('NotEmpty', 'UserName', "'User Name' must not be empty."));
  if (password === '') missing.push(fieldError('NotEmpty', 'Password', "'Password' must not be empty."));
  if (missing.length > 0) throw validationFailed(missing);

  const issued = auth.login(userName, password, rememberMe);
  if (!issued) throw new SimHttpError(401, 'Unauthorized', 'Invalid UserName or Password');
  const { session } = issued;
  const other = randomUUID().replace(/-/g, '');
  const [ssId, ssPid] = rememberMe ? [other, session.id] : [session.id, other];
  return {
    status: 200,
    headers: {
      'set-cookie': [
        `ss-id=${ssId}; ${COOKIE_ATTRS}`,
        `ss-pid=${ssPid}; ${PERMANENT}; ${COOKIE_ATTRS}`,
        `ss-opt=${rememberMe ? 'perm' : 'temp'}; ${PERMANENT}; ${COOKIE_ATTRS}`,
      ],
    },
    body: authenticateResponse(session, { bearer: issued.bearerToken, refresh: issued.refreshToken }),
  };
}

// [inference] The logout answer's shape is not documented; ServiceStack answers 200 with an AuthenticateResponse.
function logout(auth: AuthStore, req: ApiRequest): ApiResponse {
  const token = bearerTokenOf(req);
  const session = token === null ? null : auth.sessionOf(token);
  if (session) auth.logout(session);
  return {
    status: 200,
    headers: { 'set-cookie': ['ss-id', 'ss-pid', 'ss-opt', 'ss-tok'].map((name) => `${name}=; ${EXPIRED}; ${COOKIE_ATTRS}`) },
    body: authenticateResponse(session),
  };
}

function byProvider(auth: AuthStore, req: ApiRequest, provider: string): ApiResponse {
  const body = isJsonObject(req.body) ? req.body : {};
  switch (provider.toLowerCase()) {
    case 'credentials':
      return credentialsLogin(auth, body);
    case 'logout':
      return logout(auth, req);
    default:
      throw notFound(`No configuration was added for OAuth provider '${provider}'`);
  }
}

function authRoot(auth: AuthStore, req: ApiRequest): ApiResponse {
  if (req.method === 'DELETE') return logout(auth, req);
  if (req.method === 'GET') return { status: 200, body: authenticateResponse(requireSession(auth, req)) };
  const body = new RequestBinder('Authenticate').root(req.body);
  const provider = fieldOf(body, 'provider');
  // Without a provider ServiceStack uses the first registered one: credentials.
  return byProvider(auth, req, typeof provider === 'string' && provider !== '' ? provider : 'credentials');
}

function accessToken(auth: AuthStore, req: ApiRequest): ApiResponse {
  const binder = new RequestBinder('GetAccessToken');
  // ServiceStack binds the query string for every verb; the JSON body wins.
  const body = { ...Object.fromEntries(req.query), ...binder.root(req.body) };
  const refreshToken = binder.string(body, 'RefreshToken');
  binder.done();
  if (!refreshToken) throw new SimHttpError(400, 'ArgumentNullException', "Value cannot be null. (Parameter 'RefreshToken')");
  const bearer = auth.refresh(refreshToken);
  if (!bearer) throw new SimHttpError(401, 'Unauthorized', 'Invalid RefreshToken');
  return { status: 200, body: { AccessToken: bearer, ResponseStatus: null } };
}

export function authRoutes(auth: AuthStore): Route[] {
  const provider = (req: ApiRequest) => byProvider(auth, req, req.params['provider'] ?? '');
  return [
    { path: '/api/auth', methods: ['GET', 'POST', 'DELETE'], handler: (req) => authRoot(auth, req) },
    { path: '/api/authenticate', methods: ['GET', 'POST', 'DELETE'], handler: (req) => authRoot(auth, req) },
    { path: '/api/auth/logout', methods: ['GET', 'POST'], handler: (req) => logout(auth, req) },
    { path: '/api/auth/{provider}', methods: ['POST'], handler: provider },
    { path: '/api/authenticate/{provider}', methods: ['POST'], handler: provider },
    { path: '/api/access-token', methods: 'ANY', handler: (req) => accessToken(auth, req) },
  ];
}
