import { DigiOfficeHttpError, DigiOfficeNetworkError, DigiOfficeTimeoutError } from '../../../src/digioffice/errors';

const URL_WITH_QUERY = 'https://do.example.nl/api/workflowtransitions/abc/getusersandgroups?SearchCriteria=Piet';

describe('DigiOfficeHttpError', () => {
  it.each([
    ['code and message', { ErrorCode: 'NotFound', Message: 'Task 42 does not exist' }, ': NotFound — Task 42 does not exist'],
    ['code equal to message, shown once', { ErrorCode: 'Not Authenticated', Message: 'Not Authenticated' }, ': Not Authenticated'],
    ['only a code', { ErrorCode: 'Forbidden', Message: null }, ': Forbidden'],
    ['only a message', { Message: 'Oops' }, ': Oops'],
    ['blank fields', { ErrorCode: ' ', Message: '' }, ''],
    ['no body', null, ''],
  ])('names method, path (without query), status and what DigiOffice said: %s', (_, responseStatus, suffix) => {
    const error = new DigiOfficeHttpError('GET', URL_WITH_QUERY, 404, responseStatus);
    expect(error.message).toBe(`DigiOffice GET /api/workflowtransitions/abc/getusersandgroups answered 404${suffix}`);
    expect(error).toMatchObject({ name: 'DigiOfficeHttpError', method: 'GET', url: URL_WITH_QUERY, status: 404, responseStatus });
  });
});

describe('DigiOfficeNetworkError and DigiOfficeTimeoutError', () => {
  it('keeps the cause and its inner reason in the message', () => {
    const cause = new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND do.example.nl') });
    const error = new DigiOfficeNetworkError('POST', 'https://do.example.nl/api/workflowtasks/finish', cause);
    expect(error.message).toBe('DigiOffice POST /api/workflowtasks/finish failed: fetch failed: getaddrinfo ENOTFOUND do.example.nl');
    expect(error.cause).toBe(cause);
  });

  it('accepts a cause that is not an Error', () => {
    expect(new DigiOfficeNetworkError('GET', 'https://do.example.nl/api/ping', 'socket hang up').message).toBe(
      'DigiOffice GET /api/ping failed: socket hang up',
    );
  });

  it('names the timeout', () => {
    const error = new DigiOfficeTimeoutError('GET', 'https://do.example.nl/api/ping', 8000);
    expect(error).toMatchObject({
      name: 'DigiOfficeTimeoutError',
      timeoutMs: 8000,
      message: 'DigiOffice GET /api/ping did not answer within 8000 ms',
    });
  });
});
