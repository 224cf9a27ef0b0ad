import { parseActionData } from '../../../src/cards';

const GUID = '6f1c2a7e-3b9d-4c1e-9a51-2d0e4f7b8c01';

describe('parseActionData: task.finish', () => {
  test('action data merged with the input values', () => {
    expect(
      parseActionData('task.finish', {
        taskIds: [42],
        transitionId: GUID,
        comment: 'looks good',
        reason: '',
        assignees: 'user:12,group:3',
        deferUntilDate: '2026-12-07',
        deferUntilTime: '09:00',
        deferralNote: 'after the audit',
        deferToDate: '',
        deferToTime: '',
      }),
    ).toEqual({
      ok: true,
      action: {
        verb: 'task.finish',
        taskIds: [42],
        transitionId: GUID,
        inputs: {
          comment: 'looks good',
          reason: '',
          assignees: 'user:12,group:3',
          deferUntilDate: '2026-12-07',
          deferUntilTime: '09:00',
          deferralNote: 'after the audit',
          deferToDate: '',
          deferToTime: '',
        },
      },
    });
  });

  test('task ids sent as strings become numbers; the GUID is normalised; unknown fields are ignored', () => {
    expect(
      parseActionData('task.finish', {
        taskIds: ['42', 43],
        transitionId: '6F1C2A7E3B9D4C1E9A512D0E4F7B8C01',
        verb: 'x',
        userId: 'someone-else',
        __type: 'y',
      }),
    ).toEqual({ ok: true, action: { verb: 'task.finish', taskIds: [42, 43], transitionId: GUID, inputs: {} } });
  });

  test('a bad GUID is an error on the transition', () => {
    expect(parseActionData('task.finish', { taskIds: [42], transitionId: 'approve' })).toEqual({
      ok: false,
      errors: [{ field: 'transition', message: 'expected a GUID' }],
    });
  });

  test('a missing transition id is an error on the transition', () => {
    expect(parseActionData('task.finish', { taskIds: [42] })).toEqual({
      ok: false,
      errors: [{ field: 'transition', message: 'expected a GUID' }],
    });
  });

  test.each([
    ['empty', [], 'no task ids'],
    ['over 100', Array.from({ length: 101 }, (_, i) => i + 1), 'at most 100 tasks at once'],
    ['zero', [0], 'expected a positive task number'],
    ['negative string', ['-4'], 'expected a positive task number'],
    ['fraction', [4.5], 'expected a positive task number'],
    ['not a number', ['42abc'], 'expected a positive task number'],
    ['not a list', 42, 'expected a list of task numbers'],
  ])('task ids %s are an error on the task', (_, taskIds, message) => {
    expect(parseActionData('task.finish', { taskIds, transitionId: GUID })).toEqual({ ok: false, errors: [{ field: 'task', message }] });
  });

  test('100 task ids are accepted', () => {
    const taskIds = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(parseActionData('task.show', { taskIds })).toEqual({ ok: true, action: { verb: 'task.show', taskIds } });
  });

  test('malformed inputs are errors naming each input, once', () => {
    expect(
      parseActionData('task.finish', {
        taskIds: [42],
        transitionId: GUID,
        comment: 'x'.repeat(4001),
        assignees: 'jan',
        deferUntilDate: '07-12-2026',
        deferUntilTime: '9 uur',
        reason: 17,
      }),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'comment', message: 'at most 4000 characters' },
        { field: 'reason', message: 'Invalid input: expected string, received number' },
        { field: 'assignees', message: 'expected values like user:12,group:3' },
        { field: 'deferUntilDate', message: 'expected a date (YYYY-MM-DD)' },
        { field: 'deferUntilTime', message: 'expected a time (HH:mm)' },
      ],
    });
  });

  test('the revision the card was drawn from, as a number or (as some clients send it back) a string', () => {
    expect(parseActionData('task.finish', { taskIds: [42], transitionId: GUID, rev: 3 })).toEqual({
      ok: true,
      action: { verb: 'task.finish', taskIds: [42], cardRevision: 3, transitionId: GUID, inputs: {} },
    });
    expect(parseActionData('task.finish', { taskIds: [42], transitionId: GUID, rev: '12' })).toMatchObject({
      ok: true,
      action: { cardRevision: 12 },
    });
  });

  test.each([[-1], [1.5], ['3a'], [''], [null], [{}]])('a revision %j is an error on the action as a whole', (rev) => {
    expect(parseActionData('task.finish', { taskIds: [42], transitionId: GUID, rev })).toEqual({
      ok: false,
      errors: [{ field: null, message: 'expected a revision number' }],
    });
  });

  test('data that is not an object', () => {
    expect(parseActionData('task.finish', null)).toEqual({
      ok: false,
      errors: [{ field: null, message: 'Invalid input: expected object, received null' }],
    });
  });
});

describe('parseActionData: task.defer', () => {
  test('the defer form with the main card inputs', () => {
    expect(
      parseActionData('task.defer', {
        taskIds: ['42'],
        deferToDate: '2026-12-05',
        deferToTime: '',
        reason: 'waiting for supplier',
        comment: '',
        transitionId: 'ignored',
      }),
    ).toEqual({
      ok: true,
      action: {
        verb: 'task.defer',
        taskIds: [42],
        inputs: { deferToDate: '2026-12-05', deferToTime: '', reason: 'waiting for supplier', comment: '' },
      },
    });
  });

  test('the revision the card was drawn from comes along; a card drawn before revisions existed sends none', () => {
    expect(parseActionData('task.defer', { taskIds: [42], rev: 2, deferToDate: '2026-12-05' })).toEqual({
      ok: true,
      action: { verb: 'task.defer', taskIds: [42], cardRevision: 2, inputs: { deferToDate: '2026-12-05' } },
    });
  });

  test('the date is required', () => {
    expect(parseActionData('task.defer', { taskIds: [42], deferToDate: '' })).toEqual({
      ok: false,
      errors: [{ field: 'deferToDate', message: 'choose a date (YYYY-MM-DD)' }],
    });
    expect(parseActionData('task.defer', { taskIds: [42] })).toEqual({
      ok: false,
      errors: [{ field: 'deferToDate', message: 'choose a date (YYYY-MM-DD)' }],
    });
  });
});

describe('parseActionData: task.show and unknown verbs', () => {
  test('task.show takes only the task ids', () => {
    expect(parseActionData('task.show', { taskIds: ['7'], comment: 'x' })).toEqual({
      ok: true,
      action: { verb: 'task.show', taskIds: [7] },
    });
  });

  test.each(['task.delete', '', 'TASK.FINISH'])('verb %j is unknown', (verb) => {
    expect(parseActionData(verb, { taskIds: [42] })).toEqual({ ok: false, unknownVerb: true });
  });
});
