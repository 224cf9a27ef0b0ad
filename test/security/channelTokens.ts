import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/** The Bot Framework channel's token issuer (what botbuilder expects in `iss`). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';
export const APP_ID = '6d1c6a0e-3c3f-4c44-9d2b-7d3b0f3e5a11';
export const SERVICE_URL = 'http://127.0.0.1:9/teams/';
const KEY_ID = 'test-signing-key';

export type JwtHeader = Record<string, unknown>;
export type JwtClaims = Record<string, unknown>;

/**
 * Stands in for the channel's OpenID metadata and signing keys (botbuilder fetches them from the URL the bot is
 * configured with), and signs tokens with that key, so validly signed tokens can be bent one claim at a time.
 * `failNext(n)` makes the next n metadata fetches answer 503.
 */
export class ChannelSigner {
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  private readonly jwks: { keys: object[] };
  private server: Server | null = null;
  private failures = 0;
  metadataFetches = 0;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const jwk = publicKey.export({ format: 'jwk' });
    this.jwks = { keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e }] };
  }

  /** Serves `/openid` and `/keys`; resolves to the metadata URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      if (req.url === '/openid') this.metadataFetches++;
      if (req.url === '/openid' && this.failures > 0) {
        this.failures--;
        res.writeHead(503);
        res.end();
        return;
      }
      const port = (server.address() as { port: number }).port;
      const body =
        req.url === '/openid'
          ? { issuer: CHANNEL_ISSUER, jwks_uri: `http://127.0.0.1:${port}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
          : req.url === '/keys'
            ? this.jwks
            : null;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}/openid`;
  }

  failNext(count: number): void {
    this.failures = count;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The claims Teams' channel puts in a token for this bot, valid now. */
  claims(overrides: JwtClaims = {}): JwtClaims {
    const now = Math.floor(Date.now() / 1000);
    return { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
  }

  /** An RS256 token signed with the published key (or another key, given `withKey`). */
  token(claims: JwtClaims = this.claims(), header: JwtHeader = {}, withKey: KeyObject = this.privateKey): string {
    const input = `${encode({ alg: 'RS256', typ: 'JWT', kid: KEY_ID, ...header })}.${encode(claims)}`;
    return `${input}.${sign('RSA-SHA256', Buffer.from(input), withKey).toString('base64url')}`;
  }

  /** alg=none: no signature at all. */
  unsigned(claims: JwtClaims = this.claims()): string {
    return `${encode({ alg: 'none', typ: 'JWT', kid: KEY_ID })}.${encode(claims)}.`;
  }

  /** HS256 keyed with the public key's PEM: the classic algorithm-confusion forgery. */
  hmacWithPublicKey(claims: JwtClaims = this.claims()): string {
    const input = `${encode({ alg: 'HS256', typ: 'JWT', kid: KEY_ID })}.${encode(claims)}`;
    return `${input}.${createHmac('sha256', this.publicKeyPem).update(input).digest('base64url')}`;
  }

  /** A valid token whose claims were changed after signing. */
  tampered(claims: JwtClaims): string {
    const [header, , signature] = this.token().split('.');
    return `${header}.${encode(claims)}.${signature}`;
  }
}

export function otherKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An activity botbuilder accepts and the bot answers without calling out (Teams' "user is typing"). */
export function typingActivity(serviceUrl = SERVICE_URL): object {
  return {
    type: 'typing',
    id: 'typing-1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:hostile', aadObjectId: '00000000-0000-0000-0000-00000000dead' },
    recipient: { id: `28:${APP_ID}` },
    conversation: { id: 'a:hostile', conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
  };
}
