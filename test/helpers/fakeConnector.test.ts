import { FakeConnector, TEAMS_ERRORS } from './fakeConnector';

const CONVERSATION = 'a:conv-1;messageid=123';
const ENCODED = encodeURIComponent(CONVERSATION);

interface Result {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

describe('FakeConnector', () => {
  const connector = new FakeConnector({ tenantId: 'tenant-1' });
  let url: string;

  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Result> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, headers: response.headers, body: json && text ? (JSON.parse(text) as unknown) : null, text };
  }

  beforeAll(async () => {
    url = await connector.start();
  });
  afterAll(() => connector.close());
  beforeEach(() => connector.reset());

  it('answers its service URL with a trailing slash', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(connector.url).toBe(url);
  });

  describe('activities', () => {
    it('sends to a conversation and records the call with the decoded conversation id', async () => {
      const activity = { type: 'message', text: 'hello', conversation: { id: CONVERSATION } };

      const result = await request('POST', `v3/conversations/${ENCODED}/activities`, activity, { 'X-Custom': 'yes' });

      expect([result.status, result.body]).toEqual([201, { id: 'activity-1' }]);
      expect(connector.calls).toEqual([
        {
          method: 'POST',
          path: `/v3/conversations/${ENCODED}/activities`,
          operation: 'sendToConversation',
          conversationId: CONVERSATION,
          activityId: null,
          query: {},
          body: activity,
          headers: expect.objectContaining({ 'x-custom': 'yes', 'content-type': 'application/json' }) as unknown,
          status: 201,
          responseHeaders: {},
          response: { id: 'activity-1' },
        },
      ]);
    });

    it('replies to an activity, numbering activity ids in order', async () => {
      await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'first' });

      const reply = await request('POST', `v3/conversations/${ENCODED}/activities/${encodeURIComponent('incoming-1')}`, {
        text: 'reply',
        replyToId: 'incoming-1',
      });

      expect(reply.body).toEqual({ id: 'activity-2' });
      expect(connector.calls[1]).toMatchObject({ operation: 'replyToActivity', conversationId: CONVERSATION, activityId: 'incoming-1' });
      expect(connector.sent()).toEqual([{ text: 'first' }, { text: 'reply', replyToId: 'incoming-1' }]);
    });

    it('reports exactly what was sent, so a wrong value shows', async () => {
      await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'Approved by Jan' });

      expect(connector.sent()).not.toEqual([{ text: 'Approved by Alex' }]);
      expect(connector.sent()).toEqual([{ text: 'Approved by Jan' }]);
    });

    it('updates an activity in place, answering its id', async () => {
      const result = await request('PUT', `v3/conversations/${ENCODED}/activities/activity-7`, {
        id: 'activity-7',
        type: 'message',
        text: 'updated',
      });

      expect([result.status, result.body]).toEqual([200, { id: 'activity-7' }]);
      expect(connector.updates()).toEqual([{ id: 'activity-7', type: 'message', text: 'updated' }]);
      expect(connector.sent()).toEqual([]);
    });

    it('deletes an activity with an empty 200', async () => {
      const result = await request('DELETE', `v3/conversations/${ENCODED}/activities/activity-7`);

      expect([result.status, result.text]).toEqual([200, '']);
      expect(connector.calls[0]).toMatchObject({
        operation: 'deleteActivity',
        conversationId: CONVERSATION,
        activityId: 'activity-7',
        body: null,
      });
    });
  });

  describe('conversations', () => {
    it('creates a 1:1 conversation, answering the same id for the same member', async () => {
      const params = { isGroup: false, bot: { id: '28:bot' }, members: [{ id: '29:alex' }], tenantId: 'tenant-1' };

      const first = await request('POST', 'v3/conversations', params);
      const again = await request('POST', 'v3/conversations', params);
      const other = await request('POST', 'v3/conversations', { ...params, members: [{ id: '29:jan' }] });

      expect([first.status, first.body, again.body, other.body]).toEqual([
        201,
        { id: 'a:fake-conversation-1' },
        { id: 'a:fake-conversation-1' },
        { id: 'a:fake-conversation-2' },
      ]);
      expect(connector.calls[0]).toMatchObject({ operation: 'createConversation', conversationId: null, body: params });
    });

    it("answers a member's configured conversation id (by id or AAD object id) and an activity id when an activity is included", async () => {
      connector.setMember('29:alex', { name: 'Alex', aadObjectId: 'aad-alex', conversationId: 'a:personal-alex' });

      const byAad = await request('POST', 'v3/conversations', { members: [{ id: 'aad-alex' }], activity: { text: 'hi' } });

      expect(byAad.body).toEqual({ id: 'a:personal-alex', activityId: 'activity-1' });
    });
  });

  describe('members', () => {
    beforeEach(() => {
      connector.setMember('29:jan', {
        name: 'Jan de Vries',
        aadObjectId: 'aad-jan',
        userPrincipalName: 'jan@contoso.nl',
        email: 'jan@contoso.nl',
      });
      connector.setMember('29:els', {
        name: 'Els Bakker',
        aadObjectId: 'aad-els',
        userPrincipalName: 'els@contoso.nl',
        email: 'els@contoso.nl',
        tenantId: 'tenant-2',
      });
    });

    const jan = {
      id: '29:jan',
      name: 'Jan de Vries',
      aadObjectId: 'aad-jan',
      userPrincipalName: 'jan@contoso.nl',
      email: 'jan@contoso.nl',
      tenantId: 'tenant-1',
      userRole: 'user',
    };
    const els = {
      id: '29:els',
      name: 'Els Bakker',
      aadObjectId: 'aad-els',
      userPrincipalName: 'els@contoso.nl',
      email: 'els@contoso.nl',
      tenantId: 'tenant-2',
      userRole: 'user',
    };

    it('answers a configured member by id or by AAD object id as a TeamsChannelAccount', async () => {
      const byId = await request('GET', `v3/conversations/${ENCODED}/members/${encodeURIComponent('29:jan')}`);
      const byAad = await request('GET', `v3/conversations/${ENCODED}/members/aad-jan`);

      expect([byId.status, byId.body]).toEqual([200, jan]);
      expect(byAad.body).toEqual(jan);
      expect(connector.calls[0]).toMatchObject({ operation: 'getConversationMember', conversationId: CONVERSATION, activityId: null });
    });

    it('answers 404 for an unknown or removed member', async () => {
      connector.removeMember('29:jan');

      const result = await request('GET', `v3/conversations/${ENCODED}/members/29%3Ajan`);

      expect([result.status, result.body]).toEqual([404, TEAMS_ERRORS.memberNotFound]);
    });

    it('lists all members and pages them with a continuation token', async () => {
      const all = await request('GET', `v3/conversations/${ENCODED}/members`);
      const page1 = await request('GET', `v3/conversations/${ENCODED}/pagedmembers?pageSize=1`);
      const page2 = await request('GET', `v3/conversations/${ENCODED}/pagedmembers?pageSize=1&continuationToken=1`);

      expect(all.body).toEqual([jan, els]);
      expect(page1.body).toEqual({ members: [jan], continuationToken: '1' });
      expect(page2.body).toEqual({ members: [els] });
      expect(connector.calls[1]).toMatchObject({ operation: 'getConversationPagedMembers', query: { pageSize: '1' } });
    });
  });

  it('answers 404 for paths that are no connector operation', async () => {
    const result = await request('GET', 'v3/somewhere');

    expect(result.status).toBe(404);
    expect(connector.calls[0]?.operation).toBe('unknown');
  });

  describe('waitFor', () => {
    it('resolves with a call that arrives later, the same object as in calls', async () => {
      const waiting = connector.waitFor((c) => c.body?.['text'] === 'second');
      await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'first' });
      await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'second' });

      const call = await waiting;

      expect(call.response).toEqual({ id: 'activity-2' });
      expect(connector.calls.indexOf(call)).toBe(1);
    });

    it('resolves at once with a call recorded earlier', async () => {
      await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'earlier' });

      await expect(connector.waitFor((c) => c.body?.['text'] === 'earlier')).resolves.toMatchObject({ status: 201 });
    });

    it('rejects after the timeout, listing what was recorded', async () => {
      await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'Approved' });

      await expect(connector.waitFor((c) => c.body?.['text'] === 'Rejected', 50)).rejects.toThrow(
        `waitFor: no matching connector call within 50 ms. Recorded calls:\n  1. POST /v3/conversations/${ENCODED}/activities -> 201 {"text":"Approved"}`,
      );
    });

    it('says so when nothing was recorded', async () => {
      await expect(connector.waitFor(() => true, 10)).rejects.toThrow(
        'waitFor: no matching connector call within 10 ms. No calls were recorded.',
      );
    });
  });

  describe('failNext', () => {
    it('answers 429 with Retry-After for the given number of calls, then normally', async () => {
      connector.failNext({ method: 'POST', status: 429, headers: { 'retry-after': '2' }, times: 2 });

      const results = [
        await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'a' }),
        await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'a' }),
        await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'a' }),
      ];

      expect(results.map((r) => [r.status, r.headers.get('retry-after'), r.body])).toEqual([
        [429, '2', { error: { code: 'TooManyRequests', message: 'Too Many Requests' } }],
        [429, '2', { error: { code: 'TooManyRequests', message: 'Too Many Requests' } }],
        [201, null, { id: 'activity-1' }],
      ]);
      expect(connector.calls.map((c) => c.status)).toEqual([429, 429, 201]);
    });

    it('answers 429 without Retry-After when no header is given', async () => {
      connector.failNext({ method: 'post', status: 429 });

      const result = await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'a' });

      expect([result.status, result.headers.get('retry-after')]).toEqual([429, null]);
    });

    it.each([
      ['ConversationBlockedByUser', TEAMS_ERRORS.conversationBlockedByUser],
      ['MessageWritesBlocked', TEAMS_ERRORS.messageWritesBlocked],
    ])('answers the 403 %s body as Teams sends it', async (_name, body) => {
      connector.failNext({ method: 'POST', status: 403, body });

      const result = await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'a' });

      expect([result.status, result.body]).toEqual([403, body]);
    });

    it('limits a fault to a verb and path, leaving other calls alone', async () => {
      connector.failNext({ method: 'PUT', path: '/activities/activity-9', status: 502 });

      const other = await request('PUT', `v3/conversations/${ENCODED}/activities/activity-8`, { text: 'x' });
      const post = await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'x' });
      const hit = await request('PUT', `v3/conversations/${ENCODED}/activities/activity-9`, { text: 'x' });

      expect([other.status, post.status, hit.status, hit.body]).toEqual([
        200,
        201,
        502,
        { error: { code: 'BadGateway', message: 'Bad Gateway' } },
      ]);
    });

    it('matches a path expression against the decoded path', async () => {
      connector.failNext({ method: '*', path: /a:conv-1;messageid=123\/members/, status: 500, body: 'boom' });

      const result = await request('GET', `v3/conversations/${ENCODED}/members/x`);

      expect([result.status, result.headers.get('content-type'), result.text]).toEqual([500, 'text/plain; charset=utf-8', 'boom']);
    });
  });

  it('reset() forgets calls, faults, members and id counters', async () => {
    connector.setMember('29:jan', { name: 'Jan' });
    connector.failNext({ method: 'POST', status: 500 });
    await request('GET', 'v3/conversations/x/members/29%3Ajan');

    connector.reset();
    const result = await request('POST', `v3/conversations/${ENCODED}/activities`, { text: 'a' });
    const member = await request('GET', 'v3/conversations/x/members/29%3Ajan');

    expect([result.status, result.body, member.status]).toEqual([201, { id: 'activity-1' }, 404]);
    expect(connector.calls).toHaveLength(2);
  });
});

describe('FakeConnector.close()', () => {
  it('rejects pending waitFor calls instead of leaving them hanging', async () => {
    const connector = new FakeConnector();
    await connector.start();
    const waiting = connector.waitFor(() => false, 60_000);

    await connector.close();

    await expect(waiting).rejects.toThrow('the fake connector was closed');
  });
});
