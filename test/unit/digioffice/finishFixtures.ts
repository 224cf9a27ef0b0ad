import type { FinishTransition } from '../../../src/digioffice/dto';
import type { FinishMappingInput } from '../../../src/digioffice/finishOperation';
import type { StoredTransition } from '../../../src/tasks/model';

/** Shared inputs of the FinishTaskOperation mapping tests. */

export const AMS = 'Europe/Amsterdam';
export const NY = 'America/New_York';

export const approve: StoredTransition = {
  ID: '11111111-1111-1111-1111-111111111111',
  Name: 'Approve',
  AssignmentAtStartWorkflowIsAdHoc: false,
  AssignmentIsAdHocRequired: false,
  DeferAtStartWorkflowIsAdHoc: false,
  IsNext: true,
};
export const forward: StoredTransition = {
  ID: '22222222-2222-2222-2222-222222222222',
  Name: 'Forward',
  AssignmentAtStartWorkflowIsAdHoc: true,
  AssignmentIsAdHocRequired: true,
  DeferAtStartWorkflowIsAdHoc: false,
  IsNext: false,
};
export const delegate: StoredTransition = {
  ID: '33333333-3333-3333-3333-333333333333',
  Name: 'Delegate',
  AssignmentAtStartWorkflowIsAdHoc: true,
  AssignmentIsAdHocRequired: false,
  DeferAtStartWorkflowIsAdHoc: false,
  IsNext: false,
};
export const hold: StoredTransition = {
  ID: '44444444-4444-4444-4444-444444444444',
  Name: 'Hold',
  AssignmentAtStartWorkflowIsAdHoc: false,
  AssignmentIsAdHocRequired: false,
  DeferAtStartWorkflowIsAdHoc: true,
  IsNext: false,
};

/** Mon 30 Nov 2026, 17:05 in Amsterdam. */
export const NOW = new Date('2026-11-30T16:05:00.000Z');

export function input(overrides: Partial<FinishMappingInput> = {}): FinishMappingInput {
  return {
    verb: 'task.finish',
    taskIds: [42],
    transition: approve,
    inputs: {},
    reasonRequired: false,
    commentRequired: false,
    userZone: AMS,
    digiOfficeZone: AMS,
    now: NOW,
    wsVerbindingId: null,
    ...overrides,
  };
}

/** The transition as it must go out: the stored flags, plus what the card adds. */
export function sent(t: StoredTransition, extra: Partial<FinishTransition> = {}): FinishTransition {
  return {
    ID: t.ID,
    Name: t.Name,
    AssignmentAtStartWorkflowIsAdHoc: t.AssignmentAtStartWorkflowIsAdHoc,
    AssignmentIsAdHocRequired: t.AssignmentIsAdHocRequired,
    DeferAtStartWorkflowIsAdHoc: t.DeferAtStartWorkflowIsAdHoc,
    IsNext: t.IsNext,
    UserIDs: [],
    GroupIDs: [],
    RoleIDs: [],
    DeferUntil: null,
    DeferralNote: null,
    ...extra,
  };
}
