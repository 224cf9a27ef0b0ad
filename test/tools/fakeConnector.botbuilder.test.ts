import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import type { ConversationParameters } from 'botframework-schema';
// Loading restify patches http.ServerResponse.prototype for the whole process, as it does when the bot runs in tests.
import 'restify';
import { createDigiOfficeSimulator } from '../../tools/digioffice-sim';
import { FakeConnector, TEAMS_ERRORS } from '../helpers/fakeConnector';

/** The fake connector as the bot's own client library talks to it (paths, encoding, answers), with restify loaded. */

const CONVERSATION = 'a:conv-1;messageid=123';

describe('FakeConnector with botframework-connector', () => {
  const connector = new FakeConnector({ tenantId: 'tenant-1' });
  let client: ConnectorClient;

  beforeAll(async () => {
    const serviceUrl = await connector.start();
    // No app id: the client sends no Authorization header, as the bot in anonymous mode.
    client = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl });
  });
  afterAll(() => connector.close());
  beforeEach(() => connector.reset());

  it('serves send, reply, update and delete with the ids the client expects', async () => {
    const sent = await client.conversations.sendToConversation(CONVERSATION, { type: 'message', text: 'card' });
    const replied = await client.conversations.replyToActivity(CONVERSATION, 'incoming-1', { type: 'message', text: 'reply' });
    const updated = await client.conversations.updateActivity(CONVERSATION, 'activity-1', {
      type: 'message',
      id: 'activity-1',
      text: 'finished',
    });
    await client.conversations.deleteActivity(CONVERSATION, 'activity-2');

    expect([sent.id, replied.id, updated.id]).toEqual(['activity-1', 'activity-2', 'activity-1']);
    expect(connector.calls.map((c) => [c.operation, c.conversationId, c.activityId])).toEqual([
      ['sendToConversation', CONVERSATION, null],
      ['replyToActivity', CONVERSATION, 'incoming-1'],
      ['updateActivity', CONVERSATION, 'activity-1'],
      ['deleteActivity', CONVERSATION, 'activity-2'],
    ]);
    expect(connector.calls[0]?.headers['authorization']).toBeUndefined();
    expect(connector.updates()).toEqual([expect.objectContaining({ id: 'activity-1', text: 'finished' })]);
  });

  it('serves a member lookup and conversation creation', async () => {
    connector.setMember('29:jan', {
      name: 'Jan de Vries',
      aadObjectId: 'aad-jan',
      userPrincipalName: 'jan@contoso.nl',
      email: 'jan@contoso.nl',
      conversationId: 'a:personal-jan',
    });

    const member = await client.conversations.getConversationMember(CONVERSATION, 'aad-jan');
    // The activity is optional on the wire; botbuilder's type insists on one.
    const parameters = {
      isGroup: false,
      bot: { id: '28:bot', name: 'bot' },
      members: [{ id: '29:jan', name: '' }],
      tenantId: 'tenant-1',
    } as ConversationParameters;
    const created = await client.conversations.createConversation(parameters);

    expect(member).toMatchObject({
      id: '29:jan',
      name: 'Jan de Vries',
      aadObjectId: 'aad-jan',
      userPrincipalName: 'jan@contoso.nl',
      tenantId: 'tenant-1',
      userRole: 'user',
    });
    expect(created.id).toBe('a:personal-jan');
  });

  it('surfaces a 403 ConversationBlockedByUser as an error with that status and code', async () => {
    connector.failNext({ method: 'POST', status: 403, body: TEAMS_ERRORS.conversationBlockedByUser });

    const error = await client.conversations.sendToConversation(CONVERSATION, { type: 'message', text: 'x' }).then(
      () => null,
      (e: unknown) => e as { statusCode?: number; code?: string },
    );

    expect([error?.statusCode, error?.code]).toEqual([403, 'ConversationBlockedByUser']);
  });

  it('lets the DigiOffice simulator answer normally too, with restify loaded', async () => {
    const sim = createDigiOfficeSimulator();
    try {
      const url = await sim.listen();
      const response = await fetch(`${url}/api/ping`);
      expect([response.status, await response.json()]).toEqual([200, { Value: 'pong' }]);
    } finally {
      await sim.close();
    }
  });
});
