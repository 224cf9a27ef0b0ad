import type { TaskSnapshot, StoredTransition } from '../../../src/core/task';
import type { UserKey } from '../../../src/core/userKey';

/** Shared snapshots of the task use-case tests. */

export const ALEX: UserKey = { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', aadObjectId: 'a1b2c3d4-0000-4000-8000-00000000a1e7' };

export const APPROVE: StoredTransition = {
  ID: '11111111-1111-1111-1111-111111111111',
  Name: 'Approve',
  AssignmentAtStartWorkflowIsAdHoc: false,
  AssignmentIsAdHocRequired: false,
  DeferAtStartWorkflowIsAdHoc: false,
  IsNext: true,
};

/** An open task sent to Alex, last changed at `updatedAt`. */
export function openTask(taskId: number, overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    recipient: ALEX,
    task: {
      ID: taskId,
      Name: `Invoice ${taskId}`,
      WorkflowDescription: 'Invoice approval',
      StatusDescription: 'Open',
      ExpirationDate: null,
      Urgent: false,
      RelativeDetailLink: null,
    },
    transitions: [APPROVE],
    commentRequired: false,
    reasonRequired: false,
    state: { kind: 'open' },
    cardActivityIds: [],
    revision: 1,
    updatedAt: '2026-11-30T16:00:00.000Z',
    ...overrides,
  };
}
