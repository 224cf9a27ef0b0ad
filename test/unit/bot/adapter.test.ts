import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { AuthenticationConstants } from 'botframework-connector';
import type { TurnContext } from 'botbuilder';
import { authOptions, createAdapter, PUBLIC_CLOUD_ENDPOINTS, type ChannelAdapter } from '../../../src/bot/adapter';
import { MAX_KEPT_CLIENTS } from '../../../src/bot/reusedClients';
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

  it('keeps one Bot Connector client per service URL and audience for every turn, incoming or proactive', async () => {
    const adapter = createAdapter(null, logger, 'en');
    const teams = 'https://smba.trafficmanager.net/emea/';
    const first = await clientsOfTurn(adapter, teams);
    const proactive = await proactiveClients(adapter, teams);

    expect((await clientsOfTurn(adapter, teams)).connector).toBe(first.connector);
    expect((await clientsOfTurn(adapter, teams)).userToken).toBe(first.userToken);
    expect((await proactiveClients(adapter, teams)).connector).toBe(proactive.connector);
    expect(proactive.userToken).toBe(first.userToken);

    const other = await clientsOfTurn(adapter, 'https://smba.trafficmanager.net/amer/');
    expect(other.connector).not.toBe(first.connector);
    expect(other.userToken).toBe(first.userToken);
  });

  it(`keeps at most ${MAX_KEPT_CLIENTS} connector clients, dropping the oldest`, async () => {
    const adapter = createAdapter(null, logger, 'en');
    const first = await proactiveClients(adapter, 'https://service.example.net/0/');
    for (let i = 1; i <= MAX_KEPT_CLIENTS; i++) await proactiveClients(adapter, `https://service.example.net/${i}/`);

    expect((await proactiveClients(adapter, `https://service.example.net/${MAX_KEPT_CLIENTS}/`)).connector).not.toBe(first.connector);
    expect((await proactiveClients(adapter, 'https://service.example.net/0/')).connector).not.toBe(first.connector);
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

interface TurnClients {
  connector: unknown;
  userToken: unknown;
}

function clientsOf(adapter: ChannelAdapter, context: TurnContext): TurnClients {
  return { connector: context.turnState.get(adapter.ConnectorClientKey), userToken: context.turnState.get(adapter.UserTokenClientKey) };
}

async function clientsOfTurn(adapter: ChannelAdapter, serviceUrl: string): Promise<TurnClients> {
  let clients: TurnClients | null = null;
  await adapter.handleActivity('', typingActivity(serviceUrl), (context) => {
    clients = clientsOf(adapter, context);
    return Promise.resolve();
  });
  if (!clients) throw new Error('the turn did not run');
  return clients;
}

async function proactiveClients(adapter: ChannelAdapter, serviceUrl: string): Promise<TurnClients> {
  let clients: TurnClients | null = null;
  const reference = {
    serviceUrl,
    channelId: 'msteams',
    conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
  };
  await adapter.continueConversationAsync('', reference, (context) => {
    clients = clientsOf(adapter, context);
    return Promise.resolve();
  });
  if (!clients) throw new Error('the turn did not run');
  return clients;
}
