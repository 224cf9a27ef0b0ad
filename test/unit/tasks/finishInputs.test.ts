import type { StoredTransition } from '../../../src/core/task';
import { approve, delegate, forward, hold, input, NY, sent, finishOperationOf } from './finishFixtures';

describe('card inputs → FinishTaskOperation — task.finish', () => {
  it('sends the stored transition with empty assignee lists and nulls when the card is left empty', () => {
    expect(finishOperationOf(input())).toEqual({
      ok: true,
      operation: { TaskIDs: [42], WSVerbindingID: null, Transitions: [sent(approve)], DeferTo: null, Reason: null, Comment: null },
    });
  });

  it('writes every property, null never undefined, in the order of FinishTaskOperation and WorkflowTransitionDTO', () => {
    const result = finishOperationOf(input());
    expect(JSON.stringify(result)).toBe(
      '{"ok":true,"operation":{"TaskIDs":[42],"WSVerbindingID":null,"Transitions":[{"ID":"11111111-1111-1111-1111-111111111111",' +
        '"Name":"Approve","AssignmentAtStartWorkflowIsAdHoc":false,"AssignmentIsAdHocRequired":false,"DeferAtStartWorkflowIsAdHoc":false,' +
        '"IsNext":true,"UserIDs":[],"GroupIDs":[],"RoleIDs":[],"DeferUntil":null,"DeferralNote":null}],"DeferTo":null,"Reason":null,"Comment":null}}',
    );
  });

  it('copies only ID, Name and the four flags from the stored transition, nothing else it may carry', () => {
    const stored = { ...approve, UserIDs: [99], DeferUntil: '2030-01-01T00:00:00.0000000', __type: 'X' } as StoredTransition;
    expect(finishOperationOf(input({ transition: stored }))).toEqual({
      ok: true,
      operation: { TaskIDs: [42], WSVerbindingID: null, Transitions: [sent(approve)], DeferTo: null, Reason: null, Comment: null },
    });
  });

  it('passes several task ids and the WSVerbindingID through, and trims reason and comment', () => {
    const result = finishOperationOf(
      input({
        taskIds: [42, 43],
        wsVerbindingId: '9f0c5a52-8a3e-4a43-9d3f-0c2c7f1d1a11',
        inputs: { reason: '  budget ok \n', comment: '\tLooks good.  ' },
      }),
    );
    expect(result).toEqual({
      ok: true,
      operation: {
        TaskIDs: [42, 43],
        WSVerbindingID: '9f0c5a52-8a3e-4a43-9d3f-0c2c7f1d1a11',
        Transitions: [sent(approve)],
        DeferTo: null,
        Reason: 'budget ok',
        Comment: 'Looks good.',
      },
    });
  });

  it('sends null for whitespace-only reason and comment, and for an empty WSVerbindingID', () => {
    expect(finishOperationOf(input({ wsVerbindingId: '', inputs: { reason: '   ', comment: '\n' } }))).toEqual({
      ok: true,
      operation: { TaskIDs: [42], WSVerbindingID: null, Transitions: [sent(approve)], DeferTo: null, Reason: null, Comment: null },
    });
  });

  it('parses assignees into UserIDs/GroupIDs/RoleIDs: whitespace and case tolerated, duplicates dropped, order kept', () => {
    const result = finishOperationOf(
      input({
        transition: forward,
        inputs: { assignees: ' user:12, group:3,role:5 ,, user:12, USER : 7, group:3, role:005 ,' },
      }),
    );
    expect(result).toEqual({
      ok: true,
      operation: {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: [sent(forward, { UserIDs: [12, 7], GroupIDs: [3], RoleIDs: [5] })],
        DeferTo: null,
        Reason: null,
        Comment: null,
      },
    });
  });

  it('allows no assignees on a transition where ad-hoc assignment is optional', () => {
    expect(finishOperationOf(input({ transition: delegate, inputs: { assignees: ' , ' } }))).toEqual({
      ok: true,
      operation: { TaskIDs: [42], WSVerbindingID: null, Transitions: [sent(delegate)], DeferTo: null, Reason: null, Comment: null },
    });
  });

  it('refuses every malformed assignee value, naming each', () => {
    const result = finishOperationOf(
      input({
        transition: delegate,
        inputs: { assignees: 'user:12, user:abc, 12, team:4, user:0, group:2147483648, role:-1, user:1:2' },
      }),
    );
    const bad = (value: string) => ({
      field: 'assignees',
      code: 'invalidAssignee',
      params: { value },
    });
    expect(result).toEqual({
      ok: false,
      errors: [bad('user:abc'), bad('12'), bad('team:4'), bad('user:0'), bad('group:2147483648'), bad('role:-1'), bad('user:1:2')],
    });
  });

  it('refuses assignees for a transition without ad-hoc assignment', () => {
    expect(finishOperationOf(input({ inputs: { assignees: 'user:12' } }))).toEqual({
      ok: false,
      errors: [
        {
          field: 'assignees',
          code: 'notAllowed',
          params: { transition: 'Approve' },
        },
      ],
    });
  });

  it.each([undefined, '', '  ', ' , ,'])(
    'requires assignees when the transition requires ad-hoc assignment (assignees %p)',
    (assignees) => {
      expect(finishOperationOf(input({ transition: forward, inputs: assignees === undefined ? {} : { assignees } }))).toEqual({
        ok: false,
        errors: [
          {
            field: 'assignees',
            code: 'required',
            params: { transition: 'Forward' },
          },
        ],
      });
    },
  );

  it('refuses a missing transition, and still reports the other problems', () => {
    expect(finishOperationOf(input({ transition: null, reasonRequired: true }))).toEqual({
      ok: false,
      errors: [
        { field: 'transition', code: 'transitionMissing' },
        { field: 'reason', code: 'required' },
      ],
    });
  });

  it('refuses an empty list of task ids', () => {
    expect(finishOperationOf(input({ taskIds: [] }))).toEqual({
      ok: false,
      errors: [{ field: 'task', code: 'required' }],
    });
  });
});

describe('card inputs → FinishTaskOperation — DeferUntil of a transition', () => {
  it('converts date and time from the user zone to DigiOffice wall-clock time, with the note trimmed', () => {
    const result = finishOperationOf(
      input({
        transition: hold,
        inputs: { deferUntilDate: '2026-12-04', deferUntilTime: '17:00', deferralNote: '  waiting for supplier ' },
      }),
    );
    expect(result).toEqual({
      ok: true,
      operation: {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: [sent(hold, { DeferUntil: '2026-12-04T17:00:00.0000000', DeferralNote: 'waiting for supplier' })],
        DeferTo: null,
        Reason: null,
        Comment: null,
      },
    });
  });

  it('uses 08:00 when only a date is given', () => {
    expect(finishOperationOf(input({ transition: hold, inputs: { deferUntilDate: '2026-12-04', deferUntilTime: '' } }))).toEqual({
      ok: true,
      operation: {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: [sent(hold, { DeferUntil: '2026-12-04T08:00:00.0000000' })],
        DeferTo: null,
        Reason: null,
        Comment: null,
      },
    });
  });

  it('sends no DeferUntil for an empty date', () => {
    expect(finishOperationOf(input({ transition: hold, inputs: { deferUntilDate: ' ', deferralNote: '' } }))).toEqual({
      ok: true,
      operation: { TaskIDs: [42], WSVerbindingID: null, Transitions: [sent(hold)], DeferTo: null, Reason: null, Comment: null },
    });
  });

  it('refuses a time or a note without a date (and a malformed time even then)', () => {
    expect(finishOperationOf(input({ transition: hold, inputs: { deferUntilTime: '17:00' } }))).toEqual({
      ok: false,
      errors: [{ field: 'deferUntilDate', code: 'dateRequired' }],
    });
    expect(finishOperationOf(input({ transition: hold, inputs: { deferralNote: 'later' } }))).toEqual({
      ok: false,
      errors: [{ field: 'deferUntilDate', code: 'dateRequired' }],
    });
    expect(finishOperationOf(input({ transition: hold, inputs: { deferUntilTime: '7pm' } }))).toEqual({
      ok: false,
      errors: [
        { field: 'deferUntilDate', code: 'dateRequired' },
        {
          field: 'deferUntilTime',
          code: 'invalidTime',
          params: { value: '7pm' },
        },
      ],
    });
  });

  it('refuses a deferral for a transition that cannot be deferred', () => {
    expect(finishOperationOf(input({ inputs: { deferUntilDate: '2026-12-04', deferUntilTime: '17:00', deferralNote: 'x' } }))).toEqual({
      ok: false,
      errors: [
        {
          field: 'deferUntilDate',
          code: 'notAllowed',
          params: { transition: 'Approve' },
        },
        {
          field: 'deferralNote',
          code: 'notAllowed',
          params: { transition: 'Approve' },
        },
      ],
    });
    expect(finishOperationOf(input({ inputs: { deferUntilTime: '17:00' } }))).toEqual({
      ok: false,
      errors: [
        {
          field: 'deferUntilTime',
          code: 'notAllowed',
          params: { transition: 'Approve' },
        },
      ],
    });
  });

  it('refuses a malformed date and a malformed time together', () => {
    expect(finishOperationOf(input({ transition: hold, inputs: { deferUntilDate: '2026-02-30', deferUntilTime: '25:00' } }))).toEqual({
      ok: false,
      errors: [
        {
          field: 'deferUntilDate',
          code: 'invalidDate',
          params: { value: '2026-02-30' },
        },
        {
          field: 'deferUntilTime',
          code: 'invalidTime',
          params: { value: '25:00' },
        },
      ],
    });
  });

  it.each([
    ['earlier today', '2026-11-30', '17:00'],
    ['exactly now', '2026-11-30', '17:05'],
    ['today at the default 08:00', '2026-11-30', ''],
    ['yesterday', '2026-11-29', '23:59'],
  ])('refuses a date that is not in the future: %s', (_, date, time) => {
    expect(finishOperationOf(input({ transition: hold, inputs: { deferUntilDate: date, deferUntilTime: time } }))).toEqual({
      ok: false,
      errors: [
        {
          field: 'deferUntilDate',
          code: 'inPast',
        },
      ],
    });
  });

  it('judges "in the past" in the user zone: 11:30 in New York is still ahead when it is 17:05 in Amsterdam', () => {
    const result = finishOperationOf(
      input({ transition: hold, userZone: NY, inputs: { deferUntilDate: '2026-11-30', deferUntilTime: '11:30' } }),
    );
    expect(result).toEqual({
      ok: true,
      operation: {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: [sent(hold, { DeferUntil: '2026-11-30T17:30:00.0000000' })],
        DeferTo: null,
        Reason: null,
        Comment: null,
      },
    });
  });

  it('refuses dates when the user zone is unknown, on the whole action', () => {
    expect(finishOperationOf(input({ transition: hold, userZone: 'Mars/Olympus', inputs: { deferUntilDate: '2026-12-04' } }))).toEqual({
      ok: false,
      errors: [
        {
          field: null,
          code: 'invalidTimeZone',
          params: { zone: 'Mars/Olympus' },
        },
      ],
    });
  });

  it('does not need the user zone when no date is given', () => {
    expect(finishOperationOf(input({ userZone: 'Mars/Olympus' }))).toEqual({
      ok: true,
      operation: { TaskIDs: [42], WSVerbindingID: null, Transitions: [sent(approve)], DeferTo: null, Reason: null, Comment: null },
    });
  });
});
