import { assigneeValue, DigiOfficeClient, responseStatusFrom } from '../../../src/digioffice/client';
import type { FinishTaskOperation } from '../../../src/digioffice/dto';
import { DigiOfficeResponseError } from '../../../src/digioffice/errors';
import { RecordingServer } from './recordingServer';

const JSON_ONLY = { accept: 'application/json', 'content-type': undefined, authorization: undefined };
const JSON_BODY = { accept: 'application/json', 'content-type': 'application/json', authorization: undefined };
const AS_JAN = { accept: 'application/json', 'content-type': undefined, authorization: 'Bearer bt-jan' };
const AS_JAN_WITH_BODY = { accept: 'application/json', 'content-type': 'application/json', authorization: 'Bearer bt-jan' };

let server: RecordingServer;
let client: DigiOfficeClient;

beforeAll(async () => {
  server = await RecordingServer.start();
  client = new DigiOfficeClient({ baseUrl: server.url, timeoutMs: 5000 });
});
afterAll(() => server.close());

describe('the recording server (test helper)', () => {
  it('records exactly what was sent, so a different request would not compare equal', async () => {
    server.reset({ status: 204 });
    await fetch(`${server.url}/api/x?y=1`, { method: 'PUT', body: '{"A":1}', headers: { 'Content-Type': 'text/plain' } });
    expect(server.requests).toEqual([
      {
        method: 'PUT',
        path: '/api/x?y=1',
        headers: { accept: '*/*', 'content-type': 'text/plain', authorization: undefined },
        body: '{"A":1}',
      },
    ]);
    expect(server.requests).not.toEqual([{ method: 'PUT', path: '/api/x?y=1', headers: JSON_BODY, body: '{"A":1}' }]);
  });
});

describe('resource timings', () => {
  it("keeps none of Node's resource timings of its calls (past 250 each call would raise a 'buffer full' event)", async () => {
    server.reset({ status: 200, body: '{}' });
    for (let i = 0; i < 300; i++) await client.ping();
    expect(performance.getEntriesByType('resource').length).toBeLessThanOrEqual(1);
  });
});

describe('authentication', () => {
  it('[inference] authenticateWithCredentials() posts /api/auth/credentials and reads BearerToken/RefreshToken from the body', async () => {
    server.reset({
      status: 200,
      body: JSON.stringify({
        __type: 'ServiceStack.AuthenticateResponse, ServiceStack.Client',
        UserId: '4711',
        SessionId: 'sess',
        UserName: 'jan',
        DisplayName: 'Jan de Vries',
        BearerToken: 'bt-jan',
        RefreshToken: 'rt-jan',
        Roles: [],
        Permissions: [],
      }),
    });
    await expect(client.authenticateWithCredentials('jan', 'geheim"!')).resolves.toEqual({
      UserId: '4711',
      UserName: 'jan',
      DisplayName: 'Jan de Vries',
      BearerToken: 'bt-jan',
      RefreshToken: 'rt-jan',
    });
    expect(server.requests).toEqual([
      {
        method: 'POST',
        path: '/api/auth/credentials',
        headers: JSON_BODY,
        body: '{"UserName":"jan","Password":"geheim\\"!","RememberMe":true}',
      },
    ]);
  });

  it('[inference] a credentials answer without BearerToken (token cookies only) is a DigiOfficeResponseError', async () => {
    server.reset({ status: 200, body: '{"UserId":"4711","SessionId":"sess","UserName":"jan"}' });
    const error = await client.authenticateWithCredentials('jan', 'geheim').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigiOfficeResponseError);
    expect(error).toMatchObject({
      method: 'POST',
      url: `${server.url}/api/auth/credentials`,
      status: 200,
      problems: ['BearerToken: Invalid input: expected string, received undefined'],
      message:
        'DigiOffice POST /api/auth/credentials answered 200 with an unexpected body: BearerToken: Invalid input: expected string, received undefined',
    });
  });

  it('[inference] refreshAccessToken() posts the refresh token to /api/access-token and returns the new AccessToken', async () => {
    server.reset({ status: 200, body: '{"AccessToken":"bt-new","ResponseStatus":null}' });
    await expect(client.refreshAccessToken('rt-jan')).resolves.toBe('bt-new');
    expect(server.requests).toEqual([{ method: 'POST', path: '/api/access-token', headers: JSON_BODY, body: '{"RefreshToken":"rt-jan"}' }]);
  });
});

describe('finishTasks()', () => {
  const operation: FinishTaskOperation = {
    TaskIDs: [42, 43],
    WSVerbindingID: null,
    Transitions: [
      {
        ID: '11111111-1111-1111-1111-111111111111',
        Name: 'Approve',
        AssignmentAtStartWorkflowIsAdHoc: true,
        AssignmentIsAdHocRequired: false,
        DeferAtStartWorkflowIsAdHoc: true,
        IsNext: true,
        UserIDs: [12],
        GroupIDs: [],
        RoleIDs: [],
        DeferUntil: '2026-12-04T17:00:00.0000000',
        DeferralNote: null,
      },
    ],
    DeferTo: null,
    Reason: null,
    Comment: 'Looks good',
  };
  const expectedBody =
    '{"TaskIDs":[42,43],"WSVerbindingID":null,"Transitions":[{"ID":"11111111-1111-1111-1111-111111111111","Name":"Approve",' +
    '"AssignmentAtStartWorkflowIsAdHoc":true,"AssignmentIsAdHocRequired":false,"DeferAtStartWorkflowIsAdHoc":true,"IsNext":true,' +
    '"UserIDs":[12],"GroupIDs":[],"RoleIDs":[],"DeferUntil":"2026-12-04T17:00:00.0000000","DeferralNote":null}],' +
    '"DeferTo":null,"Reason":null,"Comment":"Looks good"}';

  it('[inference] posts the operation as the user and takes 204 No Content as success', async () => {
    server.reset({ status: 204 });
    await expect(client.finishTasks(operation, 'bt-jan')).resolves.toBeUndefined();
    expect(server.requests).toEqual([{ method: 'POST', path: '/api/workflowtasks/finish', headers: AS_JAN_WITH_BODY, body: expectedBody }]);
  });

  it.each([
    ['a JSON body', 200, '{"Result":"ok"}'],
    ['a non-JSON body', 200, 'OK'],
    ['an empty body', 200, ''],
    ['202 Accepted', 202, ''],
  ])('[inference] takes any 2xx as success and ignores the body: %s', async (_, status, body) => {
    server.reset({ status, body });
    await expect(client.finishTasks(operation, 'bt-jan')).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });
});

describe('searchAssignees(), ping()', () => {
  it("[inference] searchAssignees() asks for the first page of a transition's users and groups, query encoded", async () => {
    server.reset({
      status: 200,
      body: JSON.stringify({
        NumberOfAllRecords: 2,
        UsersOrGroups: [
          { ID: 12, Title: 'Jan de Vries', IsChecked: false, Image: 'x' },
          { ID: 3, Title: 'Inkoop & co', IsChecked: null, __type: 'IDB.API.DTO.UserInformation.Group, IDB.API.DTO' },
        ],
        QuickAddOptions: [],
      }),
    });
    await expect(client.searchAssignees('22222222-2222-2222-2222-222222222222', '  de Vries & co ', 'bt-jan')).resolves.toEqual({
      NumberOfAllRecords: 2,
      UsersOrGroups: [
        { ID: 12, Title: 'Jan de Vries', IsChecked: false },
        { ID: 3, Title: 'Inkoop & co', IsChecked: null, __type: 'IDB.API.DTO.UserInformation.Group, IDB.API.DTO' },
      ],
    });
    expect(server.requests).toEqual([
      {
        method: 'GET',
        path: '/api/workflowtransitions/22222222-2222-2222-2222-222222222222/getusersandgroups?SearchCriteria=de%20Vries%20%26%20co&PageSize=15&PageNumber=1',
        headers: AS_JAN,
        body: '',
      },
    ]);
  });

  it('searchAssignees() leaves out an empty search and takes another page size', async () => {
    server.reset({ status: 200, body: '{"NumberOfAllRecords":0,"UsersOrGroups":[]}' });
    await expect(client.searchAssignees('22222222-2222-2222-2222-222222222222', ' ', 'bt-jan', 50)).resolves.toEqual({
      NumberOfAllRecords: 0,
      UsersOrGroups: [],
    });
    expect(server.requests).toEqual([
      {
        method: 'GET',
        path: '/api/workflowtransitions/22222222-2222-2222-2222-222222222222/getusersandgroups?PageSize=50&PageNumber=1',
        headers: AS_JAN,
        body: '',
      },
    ]);
  });

  it('[inference] ping() gets /api/ping without credentials', async () => {
    server.reset({ status: 200, body: '{"Value":"pong"}' });
    await expect(client.ping()).resolves.toBeUndefined();
    expect(server.requests).toEqual([{ method: 'GET', path: '/api/ping', headers: JSON_ONLY, body: '' }]);
  });

  it('tolerates a trailing slash on the base URL', async () => {
    server.reset({ status: 200, body: '{"Value":"pong"}' });
    await new DigiOfficeClient({ baseUrl: `${server.url}//` }).ping();
    expect(server.requests).toEqual([{ method: 'GET', path: '/api/ping', headers: JSON_ONLY, body: '' }]);
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => new DigiOfficeClient({ baseUrl: 'do.example.nl' })).toThrow(
      new TypeError('DigiOffice baseUrl must be an http(s) URL, got "do.example.nl"'),
    );
    expect(() => new DigiOfficeClient({ baseUrl: 'ftp://do.example.nl' })).toThrow(TypeError);
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const fake: typeof fetch = (input) => {
      calls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    await new DigiOfficeClient({ baseUrl: 'https://do.example.nl/', fetch: fake }).ping();
    expect(calls).toEqual(['https://do.example.nl/api/ping']);
  });
});

describe('assigneeValue()', () => {
  it.each([
    ['[inference] a __type naming a Group is a group', { ID: 3, __type: 'IDB.API.DTO.UserInformation.Group, IDB.API.DTO' }, 'group:3'],
    ['[inference] a __type naming a User is a user', { ID: 12, __type: 'IDB.API.DTO.UserInformation.User, IDB.API.DTO' }, 'user:12'],
    [
      '[inference] the UserOrGroup base type is a user',
      { ID: 12, __type: 'IDB.API.DTO.UserInformation.UserOrGroup, IDB.API.DTO' },
      'user:12',
    ],
    ['[inference] without __type every entry is a user', { ID: 12 }, 'user:12'],
    ['[inference] a null __type is a user', { ID: 12, __type: null }, 'user:12'],
  ])('%s', (_, entry, expected) => {
    expect(assigneeValue(entry)).toBe(expected);
  });
});

describe('responseStatusFrom()', () => {
  it('[inference] reads ServiceStack\'s {"ResponseStatus":…}, also inside an operation\'s response DTO', () => {
    const status = { ErrorCode: 'Forbidden', Message: 'No access', Errors: [] };
    expect(responseStatusFrom(JSON.stringify({ ResponseStatus: status }))).toEqual(status);
    expect(responseStatusFrom(JSON.stringify({ AccessToken: null, ResponseStatus: status }))).toEqual(status);
  });

  it.each(['', '<html>error</html>', '{"Message":"no"}', '{"ResponseStatus":"x"}', 'null'])(
    'gives null for a body without one: %p',
    (body) => {
      expect(responseStatusFrom(body)).toBeNull();
    },
  );
});
