import { notificationFor, SEED, TRANSITION_IDS } from '../../../tools/digioffice-sim';
import { call, signIn, startSim } from './simHttp';
import { TASK_42_DTO } from './task42';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', userPrincipalName: 'alexw@example.com' };

function transitionDto(ID: string, Name: string, flags: Record<string, boolean> = {}) {
  return {
    ID,
    Name,
    AssignmentAtStartWorkflowIsAdHoc: false,
    AssignmentIsAdHocRequired: false,
    DeferAtStartWorkflowIsAdHoc: false,
    IsNext: false,
    ...flags,
    UserIDs: [],
    GroupIDs: [],
    RoleIDs: [],
    DeferUntil: null,
    DeferralNote: null,
  };
}

describe('notificationFor()', () => {
  it('builds the /api/notifications body: our envelope around DigiOffice objects as the API writes them', () => {
    expect(notificationFor(42, ALEX)).toEqual({
      event: 'task.assigned',
      recipient: ALEX,
      task: TASK_42_DTO,
      transitions: [
        transitionDto(TRANSITION_IDS.invoiceApprove, 'Approve', { IsNext: true }),
        transitionDto(TRANSITION_IDS.invoiceReject, 'Reject'),
      ],
      comment: { Required: false },
      reason: { Required: false },
    });
  });

  it('carries the ad-hoc and deferral flags and the required comment/reason of the task', () => {
    const drawing = notificationFor(43, ALEX, 'task.updated');
    const contract = notificationFor(44, ALEX);

    expect([drawing.event, drawing.transitions, drawing.comment, drawing.reason]).toEqual([
      'task.updated',
      [
        transitionDto(TRANSITION_IDS.drawingDone, 'Done', { IsNext: true }),
        transitionDto(TRANSITION_IDS.drawingForward, 'Forward for review', {
          AssignmentAtStartWorkflowIsAdHoc: true,
          AssignmentIsAdHocRequired: true,
        }),
      ],
      { Required: true },
      { Required: false },
    ]);
    expect([contract.transitions?.[1], contract.reason]).toEqual([
      transitionDto(TRANSITION_IDS.contractSignOffFollowUp, 'Sign off, follow up later', { DeferAtStartWorkflowIsAdHoc: true }),
      { Required: true },
    ]);
  });

  it('reflects the running simulator: task.closed names who finished it and when', async () => {
    const s = await startSim();
    try {
      const { bearer } = await signIn(s.url, 'alexw', 'demo');
      await call(s.url, 'POST', '/api/workflowtasks/finish', {
        token: bearer,
        body: { TaskIDs: [42], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] },
      });

      const closed = s.sim.notificationFor(42, ALEX, 'task.closed');

      expect(closed).toEqual({
        event: 'task.closed',
        recipient: ALEX,
        task: expect.objectContaining({
          ID: 42,
          StatusDescription: 'Finished',
          TransitionName: 'Approve',
          FinishedByUserID: 12,
        }) as unknown,
        closedBy: 'Alex Wilber',
        closedAt: '2026-11-30T13:00:00.0000000',
      });
      // The standalone builder stays on the seed.
      expect(notificationFor(42, ALEX, 'task.closed')).toEqual({ event: 'task.closed', recipient: ALEX, task: TASK_42_DTO });
    } finally {
      await s.sim.close();
    }
  });

  it('throws for a task that does not exist', () => {
    expect(() => notificationFor(99, ALEX)).toThrow('no seed task 99');
  });
});

describe('SEED', () => {
  it('holds the users, groups, roles and tasks the tests and the demo rely on', () => {
    expect(SEED.users.map((u) => [u.id, u.userName, u.password, u.displayName, u.teams.email])).toEqual([
      [12, 'alexw', 'demo', 'Alex Wilber', 'alexw@example.com'],
      [14, 'jan', 'jan-secret', 'Jan de Vries', 'jan@contoso.nl'],
      [15, 'els', 'els-secret', 'Els Bakker', 'els@contoso.nl'],
      [16, 'piet', 'piet-secret', 'Piet Jansen', 'piet@contoso.nl'],
      [17, 'marie', 'marie-secret', 'Marie Bakker', 'marie@contoso.nl'],
    ]);
    expect([SEED.groups, SEED.roles]).toEqual([
      [
        { id: 3, title: 'Finance' },
        { id: 4, title: 'Legal' },
      ],
      [{ id: 5, title: 'Controllers' }],
    ]);
    expect(
      SEED.tasks.map((t) => [
        t.id,
        t.name,
        t.workflowDescription,
        t.userId,
        t.urgent,
        t.commentRequired,
        t.reasonRequired,
        t.transitions.map((x) => x.Name),
      ]),
    ).toEqual([
      [42, 'Approve invoice INV-2026-0042', 'Invoice approval', 12, true, false, false, ['Approve', 'Reject']],
      [43, 'Review drawing DR-118 rev C', 'Drawing review', 12, false, true, false, ['Done', 'Forward for review']],
      [44, 'Sign off contract C-2026-07', 'Contract sign-off', 12, false, false, true, ['Sign off', 'Sign off, follow up later']],
      [45, 'Approve invoice INV-2026-0045', 'Invoice approval', 14, false, false, false, ['Approve', 'Reject']],
      [46, 'Approve invoice INV-2026-0046', 'Invoice approval', 12, false, false, false, ['Approve', 'Reject']],
    ]);
  });

  it('cannot be changed by a test', () => {
    expect(() => {
      (SEED.tasks[0] as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });
});
