import { inspect } from 'node:util';
import { DigiOfficeClient } from '../../../src/digioffice/client';
import type { FinishTaskOperation } from '../../../src/digioffice/dto';
import {
  DigiOfficeError,
  DigiOfficeHttpError,
  DigiOfficeNetworkError,
  DigiOfficeResponseError,
  DigiOfficeTimeoutError,
} from '../../../src/digioffice/errors';
import { closedPort, failure, RecordingServer } from './recordingServer';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-bearer-of-jan';
const DEFER: FinishTaskOperation = {
  TaskIDs: [42],
  WSVerbindingID: null,
  Transitions: null,
  DeferTo: '2026-12-05T08:00:00.0000000',
  Reason: null,
  Comment: null,
};
const DEFER_BODY =
  '{"TaskIDs":[42],"WSVerbindingID":null,"Transitions":null,"DeferTo":"2026-12-05T08:00:00.0000000","Reason":null,"Comment":null}';
/** An authenticated GET: the assignee search of one transition (first page, no search text). */
const SEARCH_PATH = '/api/workflowtransitions/22222222-2222-2222-2222-222222222222/getusersandgroups';
const SEARCH_QUERY = '?PageSize=15&PageNumber=1';
const search = (c: DigiOfficeClient) => c.searchAssignees('22222222-2222-2222-2222-222222222222', '', TOKEN);
const AS_JAN_WITH_BODY = { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };

let server: RecordingServer;
let client: DigiOfficeClient;

beforeAll(async () => {
  server = await RecordingServer.start();
  client = new DigiOfficeClient({ baseUrl: server.url, timeoutMs: 5000 });
});
afterAll(() => server.close());

describe('non-2xx answers', () => {
  it("[inference] 400 carries DigiOffice's ResponseStatus with its field Errors", async () => {
    const responseStatus = {
      ErrorCode: 'NotEmpty',
      Message: "'Reason' must not be empty.",
      Errors: [
        { ErrorCode: 'NotEmpty', FieldName: 'Reason', Message: "'Reason' must not be empty." },
        { ErrorCode: 'ArgumentException', FieldName: 'Transitions[0].UserIDs', Message: 'Unknown user 99.' },
      ],
    };
    server.reset({ status: 400, body: JSON.stringify({ ResponseStatus: { ...responseStatus, StackTrace: null } }) });
    const error = await failure(client.finishTasks(DEFER, TOKEN));
    expect(error).toBeInstanceOf(DigiOfficeHttpError);
    expect(error).toMatchObject({
      name: 'DigiOfficeHttpError',
      status: 400,
      method: 'POST',
      url: `${server.url}/api/workflowtasks/finish`,
      responseStatus,
      message: "DigiOffice POST /api/workflowtasks/finish answered 400: NotEmpty — 'Reason' must not be empty.",
    });
    expect(server.requests).toEqual([{ method: 'POST', path: '/api/workflowtasks/finish', headers: AS_JAN_WITH_BODY, body: DEFER_BODY }]);
  });

  it('401 with an empty body has no ResponseStatus', async () => {
    server.reset({ status: 401 });
    const error = await failure(search(client));
    expect(error).toBeInstanceOf(DigiOfficeHttpError);
    expect(error).toMatchObject({
      status: 401,
      method: 'GET',
      responseStatus: null,
      message: `DigiOffice GET ${SEARCH_PATH} answered 401`,
    });
  });

  it('401 with ServiceStack\'s "Not Authenticated" body names it once', async () => {
    server.reset({ status: 401, body: '{"ResponseStatus":{"ErrorCode":"Not Authenticated","Message":"Not Authenticated"}}' });
    const error = await failure(client.finishTasks(DEFER, TOKEN));
    expect(error).toMatchObject({
      status: 401,
      responseStatus: { ErrorCode: 'Not Authenticated', Message: 'Not Authenticated' },
      message: 'DigiOffice POST /api/workflowtasks/finish answered 401: Not Authenticated',
    });
  });

  it('500 with an HTML page has no ResponseStatus, and the POST is not retried', async () => {
    server.reset({ status: 500, body: "<html><body>Server Error in '/' Application.</body></html>", contentType: 'text/html' });
    const error = await failure(client.finishTasks(DEFER, TOKEN));
    expect(error).toMatchObject({ status: 500, responseStatus: null, message: 'DigiOffice POST /api/workflowtasks/finish answered 500' });
    expect(server.requests).toHaveLength(1);
  });

  it('503 on a POST is not retried either', async () => {
    server.reset({ status: 503, body: '' });
    await expect(client.refreshAccessToken('rt')).rejects.toThrow('DigiOffice POST /api/access-token answered 503');
    expect(server.requests).toHaveLength(1);
  });

  it("leaves the query string (a user's search text) out of the message", async () => {
    server.reset({ status: 404, body: '{"ResponseStatus":{"ErrorCode":"NotFound","Message":"Unknown transition"}}' });
    const error = await failure(client.searchAssignees('22222222-2222-2222-2222-222222222222', 'Piet Jansen', TOKEN));
    expect(error).toMatchObject({
      status: 404,
      url: `${server.url}/api/workflowtransitions/22222222-2222-2222-2222-222222222222/getusersandgroups?SearchCriteria=Piet%20Jansen&PageSize=15&PageNumber=1`,
      message:
        'DigiOffice GET /api/workflowtransitions/22222222-2222-2222-2222-222222222222/getusersandgroups answered 404: NotFound — Unknown transition',
    });
  });
});

describe('secrets in errors', () => {
  it('never puts the bearer token in an error, even when DigiOffice echoes it', async () => {
    server.reset({
      status: 401,
      body: JSON.stringify({
        ResponseStatus: {
          ErrorCode: 'TokenException',
          Message: `Token ${TOKEN} has expired`,
          Errors: [{ ErrorCode: 'Expired', FieldName: 'Authorization', Message: `Bearer ${TOKEN}` }],
        },
      }),
    });
    const error = await failure(client.finishTasks(DEFER, TOKEN));
    expect(error).toMatchObject({
      message: 'DigiOffice POST /api/workflowtasks/finish answered 401: TokenException — Token [redacted] has expired',
      responseStatus: {
        ErrorCode: 'TokenException',
        Message: 'Token [redacted] has expired',
        Errors: [{ ErrorCode: 'Expired', FieldName: 'Authorization', Message: 'Bearer [redacted]' }],
      },
    });
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('never puts the password or refresh token in an error', async () => {
    server.reset({ status: 401, body: '{"ResponseStatus":{"ErrorCode":"Unauthorized","Message":"Invalid password: Zomer2026!"}}' });
    const error = await failure(client.authenticateWithCredentials('jan', 'Zomer2026!'));
    expect(error).toMatchObject({
      message: 'DigiOffice POST /api/auth/credentials answered 401: Unauthorized — Invalid password: [redacted]',
    });
    expect(inspect(error, { depth: 10 })).not.toContain('Zomer2026!');

    server.reset({
      status: 400,
      body: '{"ResponseStatus":{"ErrorCode":"ArgumentException","Message":"Refresh token rt-123456 is invalid"}}',
    });
    const refreshError = await failure(client.refreshAccessToken('rt-123456'));
    expect(refreshError).toMatchObject({
      message: 'DigiOffice POST /api/access-token answered 400: ArgumentException — Refresh token [redacted] is invalid',
    });
  });

  it('keeps a 2xx body (with tokens) out of a schema failure', async () => {
    server.reset({ status: 200, body: `{"AccessToken":123,"Echo":"${TOKEN}"}` });
    const error = await failure(client.refreshAccessToken(TOKEN));
    expect(error).toMatchObject({ problems: ['AccessToken: Invalid input: expected string, received number'] });
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });
});

describe('2xx bodies that fail the schema', () => {
  it.each([
    [
      'a wrong type',
      '{"UsersOrGroups":[{"ID":"12","Title":"Jan"}]}',
      ['UsersOrGroups.0.ID: Invalid input: expected number, received string'],
    ],
    ['an empty body', '', ['the body is empty']],
    ['a non-JSON body', '<html></html>', ['the body is not JSON']],
    ['JSON null', 'null', ['(body): Invalid input: expected object, received null']],
  ])('throw DigiOfficeResponseError, outside the DigiOfficeError hierarchy: %s', async (_, body, problems) => {
    server.reset({ status: 200, body });
    const error = await failure(search(client));
    expect(error).toBeInstanceOf(DigiOfficeResponseError);
    expect(error).not.toBeInstanceOf(DigiOfficeError);
    expect(error).toMatchObject({
      name: 'DigiOfficeResponseError',
      method: 'GET',
      url: `${server.url}${SEARCH_PATH}${SEARCH_QUERY}`,
      status: 200,
      problems,
      message: `DigiOffice GET ${SEARCH_PATH} answered 200 with an unexpected body: ${problems.join('; ')}`,
    });
  });
});

describe('no answer', () => {
  let silent: RecordingServer;

  beforeAll(async () => {
    silent = await RecordingServer.start();
    silent.reset({ hang: true });
  });
  afterAll(() => silent.close());

  it('a server that never answers ends in DigiOfficeTimeoutError after timeoutMs, and the POST is sent once', async () => {
    const impatient = new DigiOfficeClient({ baseUrl: silent.url, timeoutMs: 300 });
    const error = await failure(impatient.finishTasks(DEFER, TOKEN));
    expect(error).toBeInstanceOf(DigiOfficeTimeoutError);
    expect(error).toBeInstanceOf(DigiOfficeError);
    expect(error).toMatchObject({
      name: 'DigiOfficeTimeoutError',
      method: 'POST',
      url: `${silent.url}/api/workflowtasks/finish`,
      timeoutMs: 300,
      message: 'DigiOffice POST /api/workflowtasks/finish did not answer within 300 ms',
    });
    expect(silent.requests).toEqual([{ method: 'POST', path: '/api/workflowtasks/finish', headers: AS_JAN_WITH_BODY, body: DEFER_BODY }]);
  });

  it('an answered call leaves no timeout behind: its signal is never aborted afterwards', async () => {
    const signals: AbortSignal[] = [];
    const answering = new DigiOfficeClient({
      baseUrl: 'http://digioffice.example',
      timeoutMs: 20,
      fetch: (_url, init) => {
        if (init?.signal) signals.push(init.signal);
        return Promise.resolve(new Response(null, { status: 204 }));
      },
    });
    await answering.finishTasks(DEFER, TOKEN);
    // Well past timeoutMs (a timeout left behind would have fired by now).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(signals.map((signal) => signal.aborted)).toEqual([false]);
  });

  it('a closed port ends in DigiOfficeNetworkError with the cause', async () => {
    const port = await closedPort();
    const unreachable = new DigiOfficeClient({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await failure(search(unreachable));
    expect(error).toBeInstanceOf(DigiOfficeNetworkError);
    expect(error).toBeInstanceOf(DigiOfficeError);
    expect(error).toMatchObject({
      name: 'DigiOfficeNetworkError',
      method: 'GET',
      url: `http://127.0.0.1:${port}${SEARCH_PATH}${SEARCH_QUERY}`,
      message: `DigiOffice GET ${SEARCH_PATH} failed: fetch failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    });
    // undici's errors come from outside jest's realm, so instanceof TypeError would not hold here.
    expect(String((error as DigiOfficeNetworkError).cause)).toBe('TypeError: fetch failed');
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });
});
