import type { FinishCommand } from '../../../src/core/finishCommand';
import type { StoredTransition } from '../../../src/core/task';
import { toFinishTaskOperation } from '../../../src/digioffice/finishOperation';

const AMS = { digiOfficeZone: 'Europe/Amsterdam', wsVerbindingId: null };
const forward: StoredTransition = {
  ID: '22222222-2222-2222-2222-222222222222',
  Name: 'Forward',
  AssignmentAtStartWorkflowIsAdHoc: true,
  AssignmentIsAdHocRequired: true,
  DeferAtStartWorkflowIsAdHoc: true,
  IsNext: false,
};
const none = { user: [], group: [], role: [] };

describe('toFinishTaskOperation()', () => {
  it('[inference] sends the stored transition back as DigiOffice sent it, with only assignees and deferral from the user', () => {
    const command: FinishCommand = {
      taskIds: [43],
      transition: {
        stored: { ...forward, UserIDs: [99], __type: 'X' } as StoredTransition,
        assignees: { user: [12], group: [3], role: [5] },
        deferUntil: new Date('2026-12-04T16:00:00.000Z'),
        deferralNote: 'after the audit',
      },
      deferTo: null,
      reason: null,
      comment: 'see notes',
    };

    expect(JSON.stringify(toFinishTaskOperation(command, AMS))).toBe(
      '{"TaskIDs":[43],"WSVerbindingID":null,"Transitions":[{"ID":"22222222-2222-2222-2222-222222222222","Name":"Forward",' +
        '"AssignmentAtStartWorkflowIsAdHoc":true,"AssignmentIsAdHocRequired":true,"DeferAtStartWorkflowIsAdHoc":true,"IsNext":false,' +
        '"UserIDs":[12],"GroupIDs":[3],"RoleIDs":[5],"DeferUntil":"2026-12-04T17:00:00.0000000","DeferralNote":"after the audit"}],' +
        '"DeferTo":null,"Reason":null,"Comment":"see notes"}',
    );
  });

  it('[inference] defers with FinishTaskOperation itself: DeferTo in DigiOffice wall-clock time and Transitions null', () => {
    const command: FinishCommand = {
      taskIds: [42, 46],
      transition: null,
      deferTo: new Date('2026-07-01T07:30:00.000Z'),
      reason: 'waiting for supplier',
      comment: null,
    };

    expect(toFinishTaskOperation(command, AMS)).toEqual({
      TaskIDs: [42, 46],
      WSVerbindingID: null,
      Transitions: null,
      DeferTo: '2026-07-01T09:30:00.0000000',
      Reason: 'waiting for supplier',
      Comment: null,
    });
  });

  it('[inference] sends WSVerbindingID null unless the deployment configured one', () => {
    const command: FinishCommand = {
      taskIds: [42],
      transition: { stored: forward, assignees: none, deferUntil: null, deferralNote: null },
      deferTo: null,
      reason: null,
      comment: null,
    };
    const ws = (wsVerbindingId: string | null) => toFinishTaskOperation(command, { ...AMS, wsVerbindingId }).WSVerbindingID;

    expect([ws(null), ws(''), ws('9f0c5a52-8a3e-4a43-9d3f-0c2c7f1d1a11')]).toEqual([null, null, '9f0c5a52-8a3e-4a43-9d3f-0c2c7f1d1a11']);
  });
});
