import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { AuthenticationConstants } from 'botframework-connector';
import { authOptions, createAdapter, PUBLIC_CLOUD_ENDPOINTS } from '../../../src/bot/adapter';
import type { BotCredentials } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { APP_ID, ChannelSigner, typingActivity } from '../../security/channelTokens';

const credentials: BotCredentials = {
  appId: APP_ID,
  appPassword: 'secret',
  appType: 'MultiTenant',
  tenantId: null,
  openIdMetadataUrl: null,
};

describe('authOptions()', () => {
  it("repeats botbuilder's own public-cloud endpoints when the signing keys' location is moved", () => {
    expect(PUBLIC_CLOUD_ENDPOINTS).toEqual({
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: 'urn:botframework:azure',
    });
    expect(authOptions({ ...credentials, openIdMetadataUrl: 'https://keys.example.net/openid' })).toEqual({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
      ...PUBLIC_CLOUD_ENDPOINTS,
      ToBotFromChannelOpenIdMetadataUrl: 'https://keys.example.net/openid',
    });
    expect(authOptions(credentials)).toEqual({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    });
  });
});

describe('ChannelAdapter', () => {
  const logLines: string[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const logger = createLogger('warn', logStream);

  it('reads a body only from callers with a Bearer token shaped like a JWT, when it has credentials', () => {
    const adapter = createAdapter(credentials, logger, 'en');
    const anonymous = createAdapter(null, logger, 'en');
    const headers = [
      undefined,
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer abc',
      'bearer a.b.c',
      'Bearer a.b.c',
      'Bearer a.b.',
      `Bearer a.b.${'c'.repeat(9000)}`,
    ];
    expect(headers.map((header) => adapter.mayCarryActivity(header))).toEqual([false, false, false, false, false, true, true, false]);
    expect(headers.map((header) => anonymous.mayCarryActivity(header))).toEqual(headers.map(() => true));
  });

  it('refuses JSON that is not an activity with 400', async () => {
    const adapter = createAdapter(null, logger, 'en');
    const results = await Promise.all(
      [[], 'typing', { text: 'no type' }, { type: '' }].map((body) => adapter.handleActivity('', body, () => Promise.resolve())),
    );
    expect(results.map((r) => (r.kind === 'refused' ? r.refusal.status : r.status))).toEqual([400, 400, 400, 400]);
  });

  describe('when the signing keys do not arrive', () => {
    let hanging: Server;
    let metadataUrl = '';
    beforeAll(async () => {
      // Accepts the connection and never answers, like a key endpoint behind a broken proxy.
      hanging = createServer(() => undefined);
      await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
      metadataUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/openid`;
    });
    afterAll(async () => {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    });

    it('refuses the request with the neutral 401 after its timeout instead of waiting forever', async () => {
      const adapter = createAdapter({ ...credentials, openIdMetadataUrl: metadataUrl }, logger, 'en', { authTimeoutMs: 200 });
      const token = new ChannelSigner().token();
      let turns = 0;
      const result = await adapter.handleActivity(`Bearer ${token}`, typingActivity(), () => {
        turns++;
        return Promise.resolve();
      });

      expect(result).toEqual({
        kind: 'refused',
        refusal: { status: 401, error: 'unauthorized', message: 'The request is not authorized.' },
      });
      expect(turns).toBe(0);
      expect(logLines.map((line) => JSON.parse(line) as object)).toContainEqual(
        expect.objectContaining({ level: 40, reason: 'no answer within 200 ms', msg: 'channel request refused: authentication failed' }),
      );
    });
  });
});
