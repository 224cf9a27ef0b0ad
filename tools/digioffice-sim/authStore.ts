import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { SeedUser } from './seed';

/**
 * Sessions and tokens, ServiceStack JWT style: a login opens a session and returns a bearer token (expires after
 * `tokenTtlMs`) and a refresh token (valid until revoked or the session ends). Tokens are JWT-shaped so a client that
 * peeks at `exp` sees a real value, but they are only valid while this store knows them.
 */

export interface Session {
  id: string;
  user: SeedUser;
  rememberMe: boolean;
  ended: boolean;
}

interface BearerEntry {
  session: Session;
  expiresAtMs: number;
}

interface RefreshEntry {
  session: Session;
  revoked: boolean;
}

export interface IssuedTokens {
  session: Session;
  bearerToken: string;
  refreshToken: string;
}

const REFRESH_TTL_MS = 365 * 24 * 3600 * 1000;

export class AuthStore {
  private bearers = new Map<string, BearerEntry>();
  private refreshes = new Map<string, RefreshEntry>();
  private readonly secret = randomBytes(32);

  constructor(
    private readonly users: readonly SeedUser[],
    private readonly clock: () => number,
    private readonly tokenTtlMs: number,
  ) {}

  /** `null` for an unknown user name or a wrong password (user names match case-insensitively, passwords exactly). */
  login(userName: string, password: string, rememberMe: boolean): IssuedTokens | null {
    const user = this.users.find((u) => u.userName.toLowerCase() === userName.toLowerCase());
    if (!user || user.password !== password) return null;
    const session: Session = { id: randomUUID().replace(/-/g, ''), user, rememberMe, ended: false };
    const refreshToken = this.token(user, 'refresh', REFRESH_TTL_MS);
    this.refreshes.set(refreshToken, { session, revoked: false });
    return { session, bearerToken: this.issueBearer(session), refreshToken };
  }

  /** The session behind a bearer token, or `null` when it is unknown, expired or its session ended. */
  authenticate(bearerToken: string): Session | null {
    const entry = this.bearers.get(bearerToken);
    if (!entry || entry.session.ended || this.clock() >= entry.expiresAtMs) return null;
    return entry.session;
  }

  /** A new bearer token for a refresh token, or `null` when the refresh token is unknown, revoked or its session ended. */
  refresh(refreshToken: string): string | null {
    const entry = this.refreshes.get(refreshToken);
    if (!entry || entry.revoked || entry.session.ended) return null;
    return this.issueBearer(entry.session);
  }

  /** The session a bearer token was issued for, expired or not (what logout ends). */
  sessionOf(bearerToken: string): Session | null {
    return this.bearers.get(bearerToken)?.session ?? null;
  }

  /** Ends the session: its bearer and refresh tokens stop working. */
  logout(session: Session): void {
    session.ended = true;
  }

  /** Every bearer token issued so far is expired; refresh tokens keep working. */
  expireAllTokens(): void {
    for (const entry of this.bearers.values()) entry.expiresAtMs = Number.NEGATIVE_INFINITY;
  }

  revokeRefreshTokens(): void {
    for (const entry of this.refreshes.values()) entry.revoked = true;
  }

  reset(): void {
    this.bearers = new Map();
    this.refreshes = new Map();
  }

  private issueBearer(session: Session): string {
    const token = this.token(session.user, 'bearer', this.tokenTtlMs);
    this.bearers.set(token, { session, expiresAtMs: this.clock() + this.tokenTtlMs });
    return token;
  }

  private token(user: SeedUser, kind: 'bearer' | 'refresh', ttlMs: number): string {
    const iat = Math.floor(this.clock() / 1000);
    const encode = (obj: object) => Buffer.from(JSON.stringify(obj)).toString('base64url');
    const header = encode({ alg: 'HS256', typ: kind === 'bearer' ? 'JWT' : 'JWTR' });
    const payload = encode({
      iss: 'digioffice-sim',
      sub: String(user.id),
      name: user.displayName,
      iat,
      exp: iat + Math.floor(ttlMs / 1000),
      jti: randomUUID(),
    });
    const signature = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }
}
