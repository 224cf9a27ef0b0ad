import type { InputError } from '../../../src/core/cardInputs';
import type { StoredTransition } from '../../../src/core/task';
import type { FinishTaskOperation, FinishTransition } from '../../../src/digioffice/dto';
import { toFinishTaskOperation, type FinishTarget } from '../../../src/digioffice/finishOperation';
import { checkFinishInputs, type FinishInputs } from '../../../src/tasks/finishInputs';

/** Shared inputs of the tests of the path from card inputs to DigiOffice's FinishTaskOperation. */

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

export type FinishCase = FinishInputs & FinishTarget;

export type FinishResult = { ok: true; operation: FinishTaskOperation } | { ok: false; errors: InputError[] };

/** The inputs checked (tasks/finishInputs.ts), then, when they pass, the request DigiOffice gets (digioffice/). */
export function finishOperationOf(c: FinishCase): FinishResult {
  const checked = checkFinishInputs(c);
  return checked.ok ? { ok: true, operation: toFinishTaskOperation(checked.command, c) } : checked;
}

export function input(overrides: Partial<FinishCase> = {}): FinishCase {
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
