import { eventually } from '../helpers/eventually';
import { APP_ID, otherKey, typingActivity } from './channelTokens';
import { json } from './hostileClient';
import { describeAfterAllOfIt, LOGGED, logEntries, typingBody, useHostileTarget } from './hostileTarget';

const UNAUTHORIZED = { error: 'unauthorized', message: 'The request is not authorized.' };
const now = () => Math.floor(Date.now() / 1000);

describe('channel authentication at /api/messages (the real server as a child process, with Bot Framework credentials)', () => {
  const target = useHostileTarget();

  const post = (authorization: string | null, body = typingBody()) =>
    target.send({
      path: '/api/messages',
      headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
      body: [body],
    });
  const refusedReasons = () =>
    logEntries(target.bot)
      .filter((entry) => typeof entry === 'object' && entry.msg === 'channel request refused: authentication failed')
      .map((entry) => (entry as { reason: string }).reason);

  it('fails closed with 401 when the signing keys cannot be fetched, and recovers once they can', async () => {
    target.signer.failNext(1);
    const unavailable = await post(`Bearer ${target.signer.token()}`);
    const recovered = await post(`Bearer ${target.signer.token()}`);

    expect({ status: unavailable.status, body: json(unavailable) }).toEqual({ status: 401, body: UNAUTHORIZED });
    expect({ status: recovered.status, text: recovered.text }).toEqual({ status: 200, text: '' });
    await eventually(() => refusedReasons().length > 0, LOGGED);
    expect(refusedReasons()).toEqual(['Failed to load openID config: 503']);
  });

  it('answers a token the channel could have signed with 200 (the control for every 401 below)', async () => {
    const response = await post(`Bearer ${target.signer.token()}`);
    expect({ status: response.status, text: response.text }).toEqual({ status: 200, text: '' });
  });

  it.each<[string, () => string | null, string | null]>([
    ['no Authorization header', () => null, null],
    ['a Basic scheme', () => `Basic ${Buffer.from(`${APP_ID}:secret`).toString('base64')}`, null],
    ['a Bearer value that is not a JWT', () => 'Bearer not-a-token', null],
    ['alg=none', () => `Bearer ${target.signer.unsigned()}`, 'jwt signature is required'],
    ['HS256 keyed with the public key', () => `Bearer ${target.signer.hmacWithPublicKey()}`, 'invalid algorithm'],
    [
      'a signed token whose audience was changed after signing',
      () => `Bearer ${target.signer.tampered(target.signer.claims({ aud: 'x' }))}`,
      'invalid signature',
    ],
    [
      'a token signed by another key under the published key id',
      () => `Bearer ${target.signer.token(undefined, {}, otherKey())}`,
      'invalid signature',
    ],
    [
      'a token whose key id is not published',
      () => `Bearer ${target.signer.token(undefined, { kid: 'unknown-key' }, otherKey())}`,
      'Signing Key could not be retrieved.',
    ],
    [
      'a token not valid yet (nbf in an hour)',
      () => `Bearer ${target.signer.token(target.signer.claims({ nbf: now() + 3600 }))}`,
      'jwt not active',
    ],
    ['an expired token', () => `Bearer ${target.signer.token(target.signer.claims({ exp: now() - 3600 }))}`, 'The token has expired'],
    [
      'a token for another bot',
      () => `Bearer ${target.signer.token(target.signer.claims({ aud: '00000000-1111-2222-3333-444444444444' }))}`,
      'Unauthorized. Invalid AppId passed on token: 00000000-1111-2222-3333-444444444444',
    ],
    [
      'a token from another issuer',
      () => `Bearer ${target.signer.token(target.signer.claims({ iss: 'https://evil.example' }))}`,
      'Unauthorized. No valid identity.',
    ],
    [
      'a token for another service URL',
      () => `Bearer ${target.signer.token(target.signer.claims({ serviceurl: 'https://smba.evil.example/' }))}`,
      'Unauthorized. ServiceUrl claim do not match.',
    ],
  ])('%s → 401 with the same neutral body', async (_name, authorization, reason) => {
    const before = refusedReasons().length;
    const response = await post(authorization());
    expect({ status: response.status, body: json(response), connection: response.headers.connection }).toEqual({
      status: 401,
      body: UNAUTHORIZED,
      connection: 'close',
    });
    // Refusals on the header alone never reach botbuilder (the final log test sees none of them); the others are
    // logged with botbuilder's reason.
    if (reason !== null) {
      await eventually(() => refusedReasons().length > before, LOGGED);
      expect(refusedReasons().slice(before)).toEqual([reason]);
    }
    expect(await target.health()).toEqual({ status: 200, running: true });
  });

  it('checks the activity against the token: the serviceUrl in the body must be the one signed', async () => {
    const before = refusedReasons().length;
    const response = await post(
      `Bearer ${target.signer.token()}`,
      Buffer.from(JSON.stringify(typingActivity('https://smba.evil.example/'))),
    );
    expect({ status: response.status, body: json(response) }).toEqual({ status: 401, body: UNAUTHORIZED });
    await eventually(() => refusedReasons().length > before, LOGGED);
    expect(refusedReasons().slice(before)).toEqual(['Unauthorized. ServiceUrl claim do not match.']);
  });

  describe('what anonymous callers learn from /readyz', () => {
    it('only ready or not ready: no dependency, host or error text', async () => {
      const ready = await fetch(`${target.bot.url}/readyz`);
      expect({ status: ready.status, body: await ready.text() }).toEqual({ status: 200, body: '{"status":"ready"}' });

      target.sim.failNext('GET', '/api/ping', 503, 'Service Unavailable');
      const notReady = await fetch(`${target.bot.url}/readyz`);
      expect({ status: notReady.status, body: await notReady.text() }).toEqual({ status: 503, body: '{"status":"not ready"}' });
      const notReadyEntries = () => logEntries(target.bot).filter((entry) => typeof entry === 'object' && entry.msg === 'not ready');
      await eventually(() => notReadyEntries().length > 0, LOGGED);
      expect(notReadyEntries()).toEqual([
        expect.objectContaining({ checks: { storage: 'ok', digiOffice: 'DigiOffice GET /api/ping answered 503' } }),
      ]);
    });
  });

  describe('the log', () => {
    it('has one entry per refusal that reached botbuilder, none for those refused on the header alone', () => {
      expect(refusedReasons()).toEqual([
        'Failed to load openID config: 503',
        'jwt signature is required',
        'invalid algorithm',
        'invalid signature',
        'invalid signature',
        'Signing Key could not be retrieved.',
        'jwt not active',
        'The token has expired',
        'Unauthorized. Invalid AppId passed on token: 00000000-1111-2222-3333-444444444444',
        'Unauthorized. No valid identity.',
        'Unauthorized. ServiceUrl claim do not match.',
        'Unauthorized. ServiceUrl claim do not match.',
      ]);
    });

    it("carries botbuilder's console output (stack traces, keys over many lines) as one JSON entry each", () => {
      const entries = logEntries(target.bot);
      const fromConsole = entries.filter((entry) => typeof entry === 'object' && entry.source === 'console') as Array<{ msg: string }>;
      expect(fromConsole.some((entry) => entry.msg.startsWith('TokenExpiredError: jwt expired\n'))).toBe(true);
      expect(fromConsole.some((entry) => entry.msg.includes('-----BEGIN RSA PUBLIC KEY-----\n'))).toBe(true);
    });

    it('holds no token', () => {
      const printed = [...target.bot.stdoutLines(), ...target.bot.stderrLines()].join('\n');
      expect(printed).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
    });
  });

  describeAfterAllOfIt(target);
});
