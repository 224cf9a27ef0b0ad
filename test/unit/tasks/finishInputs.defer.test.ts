import { approve, forward, hold, input, sent, finishOperationOf } from './finishFixtures';

describe('card inputs → FinishTaskOperation — task.defer', () => {
  it('sends DeferTo in DigiOffice wall-clock time and no Transitions, ignoring any transition given', () => {
    const result = finishOperationOf(
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
    expect(finishOperationOf(input({ verb: 'task.defer', transition: null, inputs: { deferToDate: '2026-12-05' } }))).toEqual({
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
    const result = finishOperationOf(
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
    expect(finishOperationOf(input({ verb: 'task.defer', inputs: { deferToDate: ' ', deferToTime: '10:00' } }))).toEqual({
      ok: false,
      errors: [{ field: 'deferToDate', code: 'required' }],
    });
    expect(finishOperationOf(input({ verb: 'task.defer', inputs: { deferToTime: '10.00' } }))).toEqual({
      ok: false,
      errors: [
        { field: 'deferToDate', code: 'required' },
        {
          field: 'deferToTime',
          code: 'invalidTime',
          params: { value: '10.00' },
        },
      ],
    });
  });

  it('refuses a malformed date or time on the matching input', () => {
    expect(finishOperationOf(input({ verb: 'task.defer', inputs: { deferToDate: '5-12-2026' } }))).toEqual({
      ok: false,
      errors: [
        {
          field: 'deferToDate',
          code: 'invalidDate',
          params: { value: '5-12-2026' },
        },
      ],
    });
    expect(finishOperationOf(input({ verb: 'task.defer', inputs: { deferToDate: '2026-12-05', deferToTime: '9:15' } }))).toEqual({
      ok: false,
      errors: [
        {
          field: 'deferToTime',
          code: 'invalidTime',
          params: { value: '9:15' },
        },
      ],
    });
  });

  it('refuses a defer-to moment that is not in the future', () => {
    expect(finishOperationOf(input({ verb: 'task.defer', inputs: { deferToDate: '2026-11-30', deferToTime: '12:00' } }))).toEqual({
      ok: false,
      errors: [{ field: 'deferToDate', code: 'inPast' }],
    });
  });

  it('applies required reason and comment to deferring too', () => {
    expect(
      finishOperationOf(input({ verb: 'task.defer', reasonRequired: true, commentRequired: true, inputs: { deferToDate: '2026-12-05' } })),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'reason', code: 'required' },
        { field: 'comment', code: 'required' },
      ],
    });
  });
});

describe('card inputs → FinishTaskOperation — reason, comment and limits', () => {
  it('refuses an empty required reason and comment', () => {
    expect(finishOperationOf(input({ reasonRequired: true, commentRequired: true, inputs: { reason: ' ', comment: '' } }))).toEqual({
      ok: false,
      errors: [
        { field: 'reason', code: 'required' },
        { field: 'comment', code: 'required' },
      ],
    });
  });

  it('sends a required reason and comment when given', () => {
    expect(finishOperationOf(input({ reasonRequired: true, commentRequired: true, inputs: { reason: 'r', comment: 'c' } }))).toEqual({
      ok: true,
      operation: { TaskIDs: [42], WSVerbindingID: null, Transitions: [sent(approve)], DeferTo: null, Reason: 'r', Comment: 'c' },
    });
  });

  it('accepts 4000 characters after trimming', () => {
    const text = 'a'.repeat(4000);
    const result = finishOperationOf(
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

  it('[inference] refuses reason, comment and deferral note over 4000 characters', () => {
    const long = 'é'.repeat(4001);
    const result = finishOperationOf(
      input({ transition: hold, inputs: { reason: long, comment: long, deferUntilDate: '2026-12-04', deferralNote: long } }),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'deferralNote',
          code: 'tooLong',
          params: { max: '4000' },
        },
        { field: 'reason', code: 'tooLong', params: { max: '4000' } },
        {
          field: 'comment',
          code: 'tooLong',
          params: { max: '4000' },
        },
      ],
    });
  });

  it('collects every problem at once, in the order of the operation', () => {
    const result = finishOperationOf(
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
        { field: 'task', code: 'required' },
        {
          field: 'assignees',
          code: 'invalidAssignee',
          params: { value: 'user:x' },
        },
        {
          field: 'deferUntilDate',
          code: 'notAllowed',
          params: { transition: 'Forward' },
        },
        {
          field: 'deferralNote',
          code: 'notAllowed',
          params: { transition: 'Forward' },
        },
        { field: 'reason', code: 'required' },
        {
          field: 'comment',
          code: 'tooLong',
          params: { max: '4000' },
        },
      ],
    });
  });
});
