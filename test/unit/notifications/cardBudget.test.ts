import { CARD_BUDGET_BYTES, cardBytes as bytesOf } from '../../../src/cards/cardBudget';
import { renderTaskCard } from '../../../src/cards/taskCard';
import { webBase } from '../../../src/cards/taskCardHeader';
import { MAX_TEXT_LENGTH } from '../../../src/core/limits';
import { TaskNotification } from '../../../src/notifications/schema';
import { WEBHOOK_LIMITS } from '../../../src/notifications/webhookFields';
import { newSnapshot } from '../../../src/tasks/snapshots';
import type { TaskSnapshot } from '../../../src/core/task';

/** The largest notification the schema accepts, in the widest characters JSON keeps as they are (3 bytes in UTF-8). */
function largestNotification(): TaskNotification {
  const { taskText, transitionName, transitions, link, closedBy } = WEBHOOK_LIMITS;
  const wide = (n: number) => '€'.repeat(n);
  return TaskNotification.parse({
    event: 'task.assigned',
    recipient: { userPrincipalName: 'jan@contoso.nl' },
    task: {
      ID: Number.MAX_SAFE_INTEGER,
      Name: wide(taskText),
      WorkflowDescription: wide(taskText),
      StatusDescription: wide(taskText),
      ExpirationDate: '2026-12-05T17:00:00.0000000',
      Urgent: true,
      RelativeDetailLink: `https://digioffice.example.nl/${'%'.repeat(link - 30)}`,
    },
    transitions: Array.from({ length: transitions }, (_, i) => ({
      ID: `0f8fad5b-d9cb-469f-a165-${String(i).padStart(12, '0')}`,
      Name: wide(transitionName),
      AssignmentIsAdHocRequired: true,
      DeferAtStartWorkflowIsAdHoc: true,
      IsNext: i === 0,
    })),
    comment: { Required: true },
    reason: { Required: true },
    closedBy: wide(closedBy),
  });
}

function cardBytes(snapshot: TaskSnapshot, locale: 'en' | 'nl'): number {
  // The longest viewer: a Teams id for the refresh, and the zone named after every time.
  const viewer = { locale, timezone: 'Europe/Amsterdam', zoneKnown: false, teamsUserId: `29:${'x'.repeat(120)}` };
  const card = renderTaskCard(snapshot, {
    viewer,
    now: new Date('2026-11-30T16:00:00Z'),
    digiOfficeZone: 'Europe/Amsterdam',
    webBase: webBase('https://digioffice.example.nl'),
  });
  return bytesOf(card);
}

// A notification the webhook accepts must never produce a card bigger than Teams takes.
describe('the largest card a notification can produce', () => {
  const notification = largestNotification();
  const open = newSnapshot({ tenantId: 'tenant-1', aadObjectId: 'aad-jan' }, notification, new Date('2026-11-30T16:00:00Z'));
  const closed: TaskSnapshot = { ...open, state: { kind: 'closed', by: notification.closedBy ?? null, at: '2026-11-30T16:05:00.000Z' } };

  // When all but one step take a deferral, the card also names the steps that do above the deferral inputs.
  const finished: TaskSnapshot = {
    ...open,
    state: {
      kind: 'finished',
      by: '€'.repeat(WEBHOOK_LIMITS.closedBy),
      at: '2026-11-30T16:05:00.000Z',
      transitionName: '€'.repeat(WEBHOOK_LIMITS.transitionName),
      comment: '€'.repeat(MAX_TEXT_LENGTH),
    },
  };
  const oneStepWithoutDeferral: TaskSnapshot = {
    ...open,
    transitions: open.transitions.map((tr, i) => ({ ...tr, DeferAtStartWorkflowIsAdHoc: i > 0 })),
  };

  it.each(['en', 'nl'] as const)('fits Teams’ message limit, open, closed and finished with the longest comment (%s)', (locale) => {
    expect(cardBytes(open, locale)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cardBytes(oneStepWithoutDeferral, locale)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cardBytes(closed, locale)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cardBytes(finished, locale)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  });

  it('shows every transition and the full texts (the budget is measured on what is sent)', () => {
    const viewer = { locale: 'en' as const, timezone: 'UTC', zoneKnown: true, teamsUserId: null };
    const json = JSON.stringify(
      renderTaskCard(open, { viewer, now: new Date('2026-11-30T16:00:00Z'), digiOfficeZone: 'UTC', webBase: null }),
    );
    expect(json).toContain(notification.task.Name);
    expect(json).toContain(notification.task.WorkflowDescription);
    for (const transition of notification.transitions) expect(json).toContain(transition.ID);
  });
});
