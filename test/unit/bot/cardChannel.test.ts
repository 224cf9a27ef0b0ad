import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { BotCardChannel } from '../../../src/bot/cardChannel';
import { DeliveryError } from '../../../src/core/cardChannel';
import type { ConversationRef } from '../../../src/core/installation';
import { FakeConnector, TEAMS_ERRORS } from '../../helpers/fakeConnector';

/**
 * The real botbuilder connector against the fake Bot Connector: how its failures arrive, and that each becomes the
 * DeliveryError the outbox acts on. (botbuilder's error shape is an inference from its source; these tests pin it.)
 */
describe('BotCardChannel', () => {
  const connector = new FakeConnector();
  let channel: BotCardChannel;
  let reference: ConversationRef;
  const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hello' }] };
  const message = { card, summary: 'Task 42: Approve invoice INV-2026-0042' };

  beforeAll(async () => {
    const serviceUrl = await connector.start();
    const adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' }),
    );
    channel = new BotCardChannel(adapter, '');
    reference = {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: 'a:1personal-chat', tenantId: 'tenant-1', conversationType: 'personal' },
      user: { id: '29:user', aadObjectId: 'aad-user' },
      bot: { id: '28:bot', name: 'DigiOffice Tasks' },
    };
  });
  afterEach(() => connector.reset());
  afterAll(async () => {
    await connector.close();
  });

  it('sends a card with its preview text and returns the id the connector gave it', async () => {
    const id = await channel.sendCard(reference, message);
    expect(id).toBe('activity-1');
    expect(connector.sent()).toEqual([
      expect.objectContaining({
        type: 'message',
        summary: 'Task 42: Approve invoice INV-2026-0042',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      }),
    ]);
  });

  it('replaces a card with PUT on its activity id, preview text included', async () => {
    await channel.updateCard(reference, 'activity-7', message);
    const put = connector.calls.find((c) => c.method === 'PUT');
    expect([put?.conversationId, put?.activityId, put?.body?.summary, put?.body?.attachments]).toEqual([
      'a:1personal-chat',
      'activity-7',
      'Task 42: Approve invoice INV-2026-0042',
      [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    ]);
  });

  const failure = async (send: () => Promise<unknown>) => {
    try {
      await send();
    } catch (err) {
      return err as DeliveryError;
    }
    throw new Error('the send did not fail');
  };

  it('reports 403 MessageWritesBlocked (the user blocked or uninstalled the bot) as blocked', async () => {
    connector.failNext({ method: 'POST', status: 403, body: TEAMS_ERRORS.messageWritesBlocked });
    const err = await failure(() => channel.sendCard(reference, message));
    expect(err).toBeInstanceOf(DeliveryError);
    expect([err.failure, err.status]).toEqual(['blocked', 403]);
  });

  it('reports 403 ConversationBlockedByUser as blocked', async () => {
    connector.failNext({ method: 'POST', status: 403, body: TEAMS_ERRORS.conversationBlockedByUser });
    const err = await failure(() => channel.sendCard(reference, message));
    expect([err.failure, err.status]).toEqual(['blocked', 403]);
  });

  it('reports 429 without Retry-After as throttled (botbuilder does not retry it)', async () => {
    connector.failNext({ method: 'POST', status: 429, body: { error: { code: 'TooManyRequests', message: 'slow down' } } });
    const err = await failure(() => channel.sendCard(reference, message));
    expect([err.failure, err.status, err.retryAfterMs]).toEqual(['throttled', 429, null]);
    expect(connector.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('reports 412 as throttled', async () => {
    connector.failNext({ method: 'PUT', status: 412 });
    const err = await failure(() => channel.updateCard(reference, 'activity-3', message));
    expect([err.failure, err.status]).toEqual(['throttled', 412]);
  });

  it('reports 404 on an update as notFound (the card is gone)', async () => {
    connector.failNext({ method: 'PUT', status: 404, body: { error: { code: 'ActivityNotFoundInConversation', message: 'gone' } } });
    const err = await failure(() => channel.updateCard(reference, 'activity-3', message));
    expect([err.failure, err.status]).toEqual(['notFound', 404]);
  });

  it('reports 400 as permanent', async () => {
    connector.failNext({ method: 'POST', status: 400, body: { error: { code: 'BadArgument', message: 'Unknown attachment type' } } });
    const err = await failure(() => channel.sendCard(reference, message));
    expect([err.failure, err.status]).toEqual(['permanent', 400]);
  });

  it('reports a connector that cannot be reached as transient', async () => {
    const err = await failure(() => channel.sendCard({ ...reference, serviceUrl: 'http://127.0.0.1:9/' }, message));
    expect(err.failure).toBe('transient');
  });
});
