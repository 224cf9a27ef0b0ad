import { webBase, type TaskCardView, type TaskListView } from '../../../src/cards';
import type { Locale } from '../../../src/core/locale';
import type { StoredTransition, TaskSnapshot } from '../../../src/core/task';
import type { Viewer } from '../../../src/core/viewer';

export const APPROVE_ID = '6f1c2a7e-3b9d-4c1e-9a51-2d0e4f7b8c01';
export const REJECT_ID = '6f1c2a7e-3b9d-4c1e-9a51-2d0e4f7b8c02';

export function transition(id: string, name: string, flags: Partial<StoredTransition> = {}): StoredTransition {
  return {
    ID: id,
    Name: name,
    AssignmentAtStartWorkflowIsAdHoc: false,
    AssignmentIsAdHocRequired: false,
    DeferAtStartWorkflowIsAdHoc: false,
    IsNext: false,
    ...flags,
  };
}

/** Task 42 as the bot stores it from the simulator's notification: Approve (IsNext) and Reject. */
export function task42(overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    recipient: { tenantId: 'tenant-1', aadObjectId: 'aad-jan' },
    task: {
      ID: 42,
      Name: 'Approve invoice INV-2026-0042',
      WorkflowDescription: 'Invoice approval',
      StatusDescription: 'Open',
      ExpirationDate: '2026-12-04T17:00:00.0000000',
      Urgent: true,
      RelativeDetailLink: '/workflow/tasks/42',
    },
    transitions: [transition(APPROVE_ID, 'Approve', { IsNext: true }), transition(REJECT_ID, 'Reject')],
    commentRequired: false,
    reasonRequired: false,
    state: { kind: 'open' },
    cardActivityIds: ['activity-1'],
    revision: 1,
    updatedAt: '2026-11-27T08:15:42.000Z',
    ...overrides,
  };
}

/** The cards' "now": Monday 30 November 2026, 11:00 in Amsterdam. */
export const NOW = new Date('2026-11-30T10:00:00Z');

/** A viewer whose own zone Teams sent (Amsterdam unless `overrides` say otherwise); no Teams id, so no refresh. */
export function viewerOf(locale: Locale, overrides: Partial<Viewer> = {}): Viewer {
  return { locale, timezone: 'Europe/Amsterdam', zoneKnown: true, teamsUserId: null, ...overrides };
}

/** The list card's view for such a viewer, DigiOffice in Amsterdam. */
export function listView(locale: Locale, overrides: Partial<Viewer> = {}): TaskListView {
  return { viewer: viewerOf(locale, overrides), now: NOW, digiOfficeZone: 'Europe/Amsterdam' };
}

/** The task card's view for such a viewer. */
export function cardView(locale: Locale, overrides: Partial<Viewer> = {}): TaskCardView {
  return { ...listView(locale, overrides), webBase: webBase('https://digioffice.example.nl') };
}

export const enView: TaskCardView = cardView('en');

export const nlView: TaskCardView = cardView('nl');

export { nodes, byId, ofType, finishActions, nextTo, texts } from '../../helpers/cardQueries';
