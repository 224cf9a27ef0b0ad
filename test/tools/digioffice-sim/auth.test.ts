import { call, NOW_MS, signIn, startSim, type StartedSim } from './simHttp';

const NOT_AUTHENTICATED = { ResponseStatus: { ErrorCode: 'Not Authenticated', Message: 'Not Authenticated' } };

function tokenShape() {
  return expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) as unknown;
}

describe('DigiOffice simulator authentication', () => {
  let s: StartedSim;

  beforeAll(async () => {
    s = await startSim({ tokenTtlMs: 60_000 });
  });
  afterAll(() => s.sim.close());
  beforeEach(() => {
    s.sim.reset();
    s.setNow(NOW_MS);
  });

  describe('POST /api/auth/credentials', () => {
    it('answers the AuthenticateResponse and sets the session cookies', async () => {
      const result = await call(s.url, 'POST', '/api/auth/credentials', {
        body: { UserName: 'alexw', Password: 'demo', RememberMe: true },
      });

      expect(result.status).toBe(200);
      expect(result.body).toEqual({
        UserId: '12',
        SessionId: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
        UserName: 'alexw',
        DisplayName: 'Alex Wilber',
        ReferrerUrl: null,
        BearerToken: tokenShape(),
        RefreshToken: tokenShape(),
        ProfileUrl: null,
        Roles: [],
        Permissions: [],
        ResponseStatus: null,
      });
      const cookies = result.headers.getSetCookie().map((c) => c.split(';')[0]);
      expect(cookies).toEqual([expect.stringMatching(/^ss-id=\w+$/), expect.stringMatching(/^ss-pid=\w+$/), 'ss-opt=perm']);
    });

    it('matches property names case-insensitively and sets ss-opt=temp without RememberMe', async () => {
      const result = await call(s.url, 'POST', '/api/auth/credentials', { body: { username: 'jan', PASSWORD: 'jan-secret', __type: 'x' } });

      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ UserId: '14', UserName: 'jan', DisplayName: 'Jan de Vries' });
      expect(result.headers.getSetCookie().map((c) => c.split(';')[0])).toContain('ss-opt=temp');
    });

    it('refuses a wrong password with 401 Unauthorized', async () => {
      const result = await call(s.url, 'POST', '/api/auth/credentials', { body: { UserName: 'alexw', Password: 'wrong' } });

      expect([result.status, result.statusText]).toEqual([401, 'Unauthorized']);
      expect(result.body).toEqual({ ResponseStatus: { ErrorCode: 'Unauthorized', Message: 'Invalid UserName or Password', Errors: [] } });
    });

    it('refuses an unknown user the same way', async () => {
      const result = await call(s.url, 'POST', '/api/auth/credentials', { body: { UserName: 'nobody', Password: 'demo' } });

      expect(result.status).toBe(401);
      expect(result.body).toEqual({ ResponseStatus: { ErrorCode: 'Unauthorized', Message: 'Invalid UserName or Password', Errors: [] } });
    });

    it('names every missing field with 400', async () => {
      const result = await call(s.url, 'POST', '/api/auth/credentials', { body: {} });

      expect([result.status, result.statusText]).toEqual([400, 'NotEmpty']);
      expect(result.body).toEqual({
        ResponseStatus: {
          ErrorCode: 'NotEmpty',
          Message: "'User Name' must not be empty.",
          Errors: [
            { ErrorCode: 'NotEmpty', FieldName: 'UserName', Message: "'User Name' must not be empty." },
            { ErrorCode: 'NotEmpty', FieldName: 'Password', Message: "'Password' must not be empty." },
          ],
        },
      });
    });
  });

  it('signs in through POST /api/auth with provider "credentials"', async () => {
    const result = await call(s.url, 'POST', '/api/auth', { body: { provider: 'credentials', UserName: 'els', Password: 'els-secret' } });

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ UserId: '15', DisplayName: 'Els Bakker' });
  });

  it('answers 404 for a provider that is not configured', async () => {
    const result = await call(s.url, 'POST', '/api/auth/aad', { body: { AccessToken: 'x' } });

    expect([result.status, result.statusText]).toEqual([404, 'NotFound']);
    expect(result.body).toEqual({
      ResponseStatus: { ErrorCode: 'NotFound', Message: "No configuration was added for OAuth provider 'aad'", Errors: [] },
    });
  });

  describe('bearer tokens', () => {
    it('accepts Authorization: Bearer and the ss-tok cookie', async () => {
      const { bearer } = await signIn(s.url, 'alexw', 'demo');

      const byHeader = await call(s.url, 'GET', '/api/users/me/info', { token: bearer });
      const byCookie = await call(s.url, 'GET', '/api/users/me/info', { headers: { cookie: `ss-opt=perm; ss-tok=${bearer}` } });

      expect([byHeader.status, byHeader.body]).toEqual([200, { ID: 12, DisplayName: 'Alex Wilber' }]);
      expect([byCookie.status, byCookie.body]).toEqual([200, { ID: 12, DisplayName: 'Alex Wilber' }]);
    });

    it.each([
      ['no credentials', {}],
      ['an unknown token', { authorization: 'Bearer not-a-token' }],
      ['Basic auth', { authorization: `Basic ${Buffer.from('alexw:demo').toString('base64')}` }],
    ])('answers 401 Not Authenticated for %s', async (_name, headers: Record<string, string>) => {
      const result = await call(s.url, 'POST', '/api/workflowtasks/finish', { headers, body: { TaskIDs: [42] } });

      expect([result.status, result.statusText]).toEqual([401, 'Not Authenticated']);
      expect(result.body).toEqual(NOT_AUTHENTICATED);
    });

    it('expire after tokenTtlMs', async () => {
      const { bearer } = await signIn(s.url, 'alexw', 'demo');

      s.setNow(NOW_MS + 59_999);
      const before = await call(s.url, 'GET', '/api/users/me/info', { token: bearer });
      s.setNow(NOW_MS + 60_000);
      const after = await call(s.url, 'GET', '/api/users/me/info', { token: bearer });

      expect(before.status).toBe(200);
      expect([after.status, after.body]).toEqual([401, NOT_AUTHENTICATED]);
    });

    it('all expire on expireAllTokens(), while refresh tokens keep working', async () => {
      const { bearer, refresh } = await signIn(s.url, 'alexw', 'demo');

      s.sim.expireAllTokens();
      const expired = await call(s.url, 'GET', '/api/users/me/info', { token: bearer });
      const refreshed = await call(s.url, 'POST', '/api/access-token', { body: { RefreshToken: refresh } });
      const newBearer = (refreshed.body as { AccessToken: string }).AccessToken;
      const withNew = await call(s.url, 'GET', '/api/users/me/info', { token: newBearer });

      expect(expired.status).toBe(401);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toEqual({ AccessToken: tokenShape(), ResponseStatus: null });
      expect(newBearer).not.toBe(bearer);
      expect([withNew.status, withNew.body]).toEqual([200, { ID: 12, DisplayName: 'Alex Wilber' }]);
    });
  });

  describe('/api/access-token', () => {
    it('refuses an unknown refresh token with 401', async () => {
      const result = await call(s.url, 'POST', '/api/access-token', { body: { RefreshToken: 'nope' } });

      expect([result.status, result.statusText]).toEqual([401, 'Unauthorized']);
      expect(result.body).toEqual({ ResponseStatus: { ErrorCode: 'Unauthorized', Message: 'Invalid RefreshToken', Errors: [] } });
    });

    it('refuses revoked refresh tokens with 401', async () => {
      const { refresh } = await signIn(s.url, 'alexw', 'demo');

      s.sim.revokeRefreshTokens();
      const result = await call(s.url, 'POST', '/api/access-token', { body: { RefreshToken: refresh } });

      expect(result.status).toBe(401);
      expect(result.body).toEqual({ ResponseStatus: { ErrorCode: 'Unauthorized', Message: 'Invalid RefreshToken', Errors: [] } });
    });

    it('answers 400 without a refresh token', async () => {
      const result = await call(s.url, 'POST', '/api/access-token', { body: {} });

      expect([result.status, result.statusText]).toEqual([400, 'ArgumentNullException']);
      expect(result.body).toEqual({
        ResponseStatus: { ErrorCode: 'ArgumentNullException', Message: "Value cannot be null. (Parameter 'RefreshToken')", Errors: [] },
      });
    });

    it('also reads the refresh token from the query string (All Verbs)', async () => {
      const { refresh } = await signIn(s.url, 'alexw', 'demo');

      const result = await call(s.url, 'GET', `/api/access-token?RefreshToken=${encodeURIComponent(refresh)}`);

      expect(result.status).toBe(200);
    });
  });

  describe('logout', () => {
    it('ends the session: its bearer and refresh tokens stop working, other sessions do not', async () => {
      const first = await signIn(s.url, 'alexw', 'demo');
      const second = await signIn(s.url, 'alexw', 'demo');

      const logout = await call(s.url, 'POST', '/api/auth/logout', { token: first.bearer });

      expect(logout.status).toBe(200);
      expect(logout.body).toMatchObject({ UserId: '12', BearerToken: null, RefreshToken: null });
      expect((await call(s.url, 'GET', '/api/users/me/info', { token: first.bearer })).status).toBe(401);
      expect((await call(s.url, 'POST', '/api/access-token', { body: { RefreshToken: first.refresh } })).status).toBe(401);
      expect((await call(s.url, 'GET', '/api/users/me/info', { token: second.bearer })).status).toBe(200);
    });
  });

  it('GET /api/auth reports the session when authenticated and 401 otherwise', async () => {
    const { bearer } = await signIn(s.url, 'jan', 'jan-secret');

    const authed = await call(s.url, 'GET', '/api/auth', { token: bearer });
    const anonymous = await call(s.url, 'GET', '/api/auth');

    expect(authed.body).toMatchObject({ UserId: '14', UserName: 'jan', DisplayName: 'Jan de Vries', BearerToken: null });
    expect([anonymous.status, anonymous.body]).toEqual([401, NOT_AUTHENTICATED]);
  });
});
