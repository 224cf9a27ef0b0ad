import { SignInRequiredError } from '../../../src/core/session';
import { DigiOfficeNetworkError, DigiOfficeTimeoutError } from '../../../src/digioffice/errors';
import { classifyFinishFailure } from '../../../src/tasks/finishFailures';
import { answered, FINISH_URL } from '../../helpers/finishAnswers';

const kindOf = (err: unknown) => classifyFinishFailure(err).kind;

describe('classifyFinishFailure()', () => {
  it('[inference] takes 403 and 404 as a task that can no longer be finished here', () => {
    expect([kindOf(answered(403)), kindOf(answered(404))]).toEqual(['unavailable', 'unavailable']);
  });

  it('[inference] puts DigiOffice’s 400 field errors next to the card inputs their FieldName paths name', () => {
    const failure = classifyFinishFailure(
      answered(400, {
        ErrorCode: 'ValidationException',
        Message: 'Validation failed',
        Errors: [
          { ErrorCode: 'NotEmpty', FieldName: 'Reason', Message: "'Reason' must not be empty." },
          { ErrorCode: 'NotEmpty', FieldName: 'Transitions[0].UserIDs', Message: 'Choose someone.' },
          { ErrorCode: 'GreaterThan', FieldName: 'Transitions[0].DeferUntil', Message: 'Too early.' },
          { ErrorCode: 'Invalid', FieldName: 'DeferTo', Message: 'Not a date.' },
          { ErrorCode: 'Invalid', FieldName: 'TaskIDs[1]', Message: 'Unknown task.' },
          { ErrorCode: 'Invalid', FieldName: 'WSVerbindingID' },
        ],
      }),
    );

    expect(failure).toEqual({
      kind: 'invalid',
      errors: [
        { field: 'reason', code: 'required' },
        { field: 'assignees', code: 'required' },
        { field: 'deferUntilDate', code: 'inPast' },
        { field: 'deferToDate', message: 'Not a date.' },
        { field: 'task', message: 'Unknown task.' },
        { field: null, message: 'Invalid' },
      ],
      logDetail: expect.any(String),
    });
  });

  it('[inference] keeps DigiOffice’s words for a code it shares with our checks when the field is not an input of ours', () => {
    const failure = classifyFinishFailure(
      answered(400, {
        ErrorCode: 'NotEmpty',
        Message: "'Task IDs' must not be empty.",
        Errors: [
          { ErrorCode: 'NotEmpty', FieldName: 'TaskIDs', Message: "'Task IDs' must not be empty." },
          { ErrorCode: 'NotEmpty', FieldName: 'Transitions', Message: "Either 'Transitions' or 'Defer To' must be given." },
          { ErrorCode: 'GreaterThan', FieldName: 'Reason', Message: 'Too short.' },
          { ErrorCode: 'NotNull', FieldName: 'Comment', Message: "'Comment' must not be empty." },
        ],
      }),
    );
    expect(failure).toEqual({
      kind: 'invalid',
      errors: [
        { field: 'task', message: "'Task IDs' must not be empty." },
        { field: 'transition', message: "Either 'Transitions' or 'Defer To' must be given." },
        { field: 'reason', message: 'Too short.' },
        { field: 'comment', code: 'required' },
      ],
      logDetail: expect.any(String),
    });
  });

  it('says DigiOffice did not accept it, in the user’s language, when a 400 carries no words at all', () => {
    expect(classifyFinishFailure(answered(400))).toEqual({
      kind: 'invalid',
      errors: [{ field: null, code: 'rejected' }],
      logDetail: expect.any(String),
    });
  });

  it('asks for a new sign-in when the session gave up, or a 401 survived its refresh; anything else may be tried again', () => {
    expect([
      kindOf(new SignInRequiredError('expired')),
      kindOf(answered(401)),
      kindOf(answered(500)),
      kindOf(answered(503)),
      kindOf(new DigiOfficeNetworkError('POST', FINISH_URL, refused)),
      kindOf(new Error('bug')),
    ]).toEqual(['needsSignIn', 'needsSignIn', 'failed', 'failed', 'failed', 'failed']);
  });

  it('takes a POST that DigiOffice may have received without answering as an unknown outcome, never as failed', () => {
    expect([
      kindOf(new DigiOfficeTimeoutError('POST', FINISH_URL, 8000)),
      kindOf(new DigiOfficeNetworkError('POST', FINISH_URL, dropped)),
      kindOf(new DigiOfficeNetworkError('POST', FINISH_URL, new Error('terminated'))),
      kindOf(answered(504)),
    ]).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('takes a timeout of the token refresh around the POST as failed: the POST was never sent', () => {
    expect(classifyFinishFailure(new DigiOfficeTimeoutError('POST', 'https://do.example.nl/api/access-token', 8000), false).kind).toBe(
      'failed',
    );
  });

  it('takes DigiOffice’s "already finished" as the task’s state, not as an input error', () => {
    const failure = classifyFinishFailure(
      answered(400, {
        ErrorCode: 'InvalidOperationException',
        Message: 'Workflow task 42 is already finished.',
        Errors: [{ ErrorCode: 'InvalidOperationException', FieldName: 'TaskIDs', Message: 'Workflow task 42 is already finished.' }],
      }),
    );
    expect(failure).toEqual({ kind: 'alreadyFinished', logDetail: expect.any(String) });
  });
});

/** fetch's failure for a connection that was refused: the request never left. */
const refused = Object.assign(new TypeError('fetch failed'), {
  cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
});
/** fetch's failure for a connection closed after the request was written. */
const dropped = Object.assign(new TypeError('fetch failed'), {
  cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
});
