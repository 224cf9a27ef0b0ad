import { mapToFinishTaskOperation } from '../../../src/digioffice/finishOperation';
import { approve, forward, hold, input, sent } from './finishFixtures';

describe('mapToFinishTaskOperation() — task.defer', () => {
  it('sends DeferTo in DigiOffice wall-clock time and no Transitions, ignoring any transition given', () => {
    const result = mapToFinishTaskOperation(
      input({
        verb: 'task.defer',
        transition: approve,
        inputs: { deferToDate: '2026-12-05', deferToTime: '09:15', reason: ' waiting for supplier ', comment: ' ask Piet ' },
      }),
    );
    expect(result).toEqual({
      ok: true,
      operation: {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: null,
        DeferTo: '2026-12-05T09:15:00.0000000',
        Reason: 'waiting for supplier',
        Comment: 'ask Piet',
      },
    });
  });

  it('uses 08:00 when only a date is given', () => {
    expect(mapToFinishTaskOperation(input({ verb: 'task.defer', transition: null, inputs: { deferToDate: '2026-12-05' } }))).toEqual({
      ok: true,
      operation: {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: null,
        DeferTo: '2026-12-05T08:00:00.0000000',
        Reason: null,
        Comment: null,
      },
    });
  });

  it('ignores the inputs that belong to transition buttons, even malformed ones', () => {
    const result = mapToFinishTaskOperation(
      input({
        verb: 'task.defer',
        transition: null,
        inputs: { deferToDate: '2026-12-05', assignees: 'nobody', deferUntilDate: 'someday', deferUntilTime: '99:99', deferralNote: 'x' },
      }),
    );
    expect(result).toEqual({
      ok: true,
      operation: {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: null,
        DeferTo: '2026-12-05T08:00:00.0000000',
        Reason: null,
        Comment: null,
      },
    });
  });

  it('requires a defer-to date, and still checks a time given without it', () => {
    expect(mapToFinishTaskOperation(input({ verb: 'task.defer', inputs: { deferToDate: ' ', deferToTime: '10:00' } }))).toEqual({
      ok: false,
      errors: [{ field: 'deferToDate', code: 'required', message: 'Defer to date is required to defer a task.' }],
    });
    expect(mapToFinishTaskOperation(input({ verb: 'task.defer', inputs: { deferToTime: '10.00' } }))).toEqual({
      ok: false,
      errors: [
        { field: 'deferToDate', code: 'required', message: 'Defer to date is required to defer a task.' },
        {
          field: 'deferToTime',
          code: 'invalidTime',
          message: 'Defer to time: "10.00" is not a valid time (expected HH:mm).',
          params: { value: '10.00' },
        },
      ],
    });
  });

  it('refuses a malformed date or time on the matching input', () => {
    expect(mapToFinishTaskOperation(input({ verb: 'task.defer', inputs: { deferToDate: '5-12-2026' } }))).toEqual({
      ok: false,
      errors: [
        {
          field: 'deferToDate',
          code: 'invalidDate',
          message: 'Defer to date: "5-12-2026" is not a valid date (expected YYYY-MM-DD).',
          params: { value: '5-12-2026' },
        },
      ],
    });
    expect(mapToFinishTaskOperation(input({ verb: 'task.defer', inputs: { deferToDate: '2026-12-05', deferToTime: '9:15' } }))).toEqual({
      ok: false,
      errors: [
        {
          field: 'deferToTime',
          code: 'invalidTime',
          message: 'Defer to time: "9:15" is not a valid time (expected HH:mm).',
          params: { value: '9:15' },
        },
      ],
    });
  });

  it('refuses a defer-to moment that is not in the future', () => {
    expect(mapToFinishTaskOperation(input({ verb: 'task.defer', inputs: { deferToDate: '2026-11-30', deferToTime: '12:00' } }))).toEqual({
      ok: false,
      errors: [
        { field: 'deferToDate', code: 'inPast', message: 'Defer to date: 2026-11-30 12:00 (Europe/Amsterdam) is not in the future.' },
      ],
    });
  });

  it('applies required reason and comment to deferring too', () => {
    expect(
      mapToFinishTaskOperation(
        input({ verb: 'task.defer', reasonRequired: true, commentRequired: true, inputs: { deferToDate: '2026-12-05' } }),
      ),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'reason', code: 'required', message: 'Reason is required for this task.' },
        { field: 'comment', code: 'required', message: 'Comment is required for this task.' },
      ],
    });
  });
});

describe('mapToFinishTaskOperation() — reason, comment and limits', () => {
  it('refuses an empty required reason and comment', () => {
    expect(mapToFinishTaskOperation(input({ reasonRequired: true, commentRequired: true, inputs: { reason: ' ', comment: '' } }))).toEqual({
      ok: false,
      errors: [
        { field: 'reason', code: 'required', message: 'Reason is required for this task.' },
        { field: 'comment', code: 'required', message: 'Comment is required for this task.' },
      ],
    });
  });

  it('sends a required reason and comment when given', () => {
    expect(mapToFinishTaskOperation(input({ reasonRequired: true, commentRequired: true, inputs: { reason: 'r', comment: 'c' } }))).toEqual(
      {
        ok: true,
        operation: { TaskIDs: [42], WSVerbindingID: null, Transitions: [sent(approve)], DeferTo: null, Reason: 'r', Comment: 'c' },
      },
    );
  });

  it('accepts 4000 characters after trimming', () => {
    const text = 'a'.repeat(4000);
    const result = mapToFinishTaskOperation(
      input({ transition: hold, inputs: { reason: ` ${text} `, comment: text, deferUntilDate: '2026-12-04', deferralNote: text } }),
    );
    expect(result).toEqual({
      ok: true,
      operation: {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: [sent(hold, { DeferUntil: '2026-12-04T08:00:00.0000000', DeferralNote: text })],
        DeferTo: null,
        Reason: text,
        Comment: text,
      },
    });
  });

  it('refuses reason, comment and deferral note over 4000 characters', () => {
    const long = 'é'.repeat(4001);
    const result = mapToFinishTaskOperation(
      input({ transition: hold, inputs: { reason: long, comment: long, deferUntilDate: '2026-12-04', deferralNote: long } }),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'deferralNote',
          code: 'tooLong',
          message: 'Deferral note is 4001 characters long; at most 4000 are allowed.',
          params: { max: '4000' },
        },
        { field: 'reason', code: 'tooLong', message: 'Reason is 4001 characters long; at most 4000 are allowed.', params: { max: '4000' } },
        {
          field: 'comment',
          code: 'tooLong',
          message: 'Comment is 4001 characters long; at most 4000 are allowed.',
          params: { max: '4000' },
        },
      ],
    });
  });

  it('collects every problem at once, in the order of the operation', () => {
    const result = mapToFinishTaskOperation(
      input({
        taskIds: [],
        transition: forward,
        reasonRequired: true,
        inputs: { assignees: 'user:x, group:4', deferUntilDate: '2026-12-04', deferralNote: 'n', reason: '', comment: 'c'.repeat(4001) },
      }),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'task', code: 'required', message: 'Task: at least one task id is required.' },
        {
          field: 'assignees',
          code: 'invalidAssignee',
          message: 'Assignees: "user:x" is not a user, group or role (expected user:<id>, group:<id> or role:<id>).',
          params: { value: 'user:x' },
        },
        {
          field: 'deferUntilDate',
          code: 'notAllowed',
          message: 'Defer until date: transition "Forward" cannot be deferred.',
          params: { transition: 'Forward' },
        },
        {
          field: 'deferralNote',
          code: 'notAllowed',
          message: 'Deferral note: transition "Forward" cannot be deferred.',
          params: { transition: 'Forward' },
        },
        { field: 'reason', code: 'required', message: 'Reason is required for this task.' },
        {
          field: 'comment',
          code: 'tooLong',
          message: 'Comment is 4001 characters long; at most 4000 are allowed.',
          params: { max: '4000' },
        },
      ],
    });
  });
});
