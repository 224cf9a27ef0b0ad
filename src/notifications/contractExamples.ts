/**
 * Example bodies of `POST /api/notifications`, shown in the OpenAPI document. A test validates each against the
 * document's schema and parses it with the server's own parser.
 */

const APPROVE = '0f8fad5b-d9cb-469f-a165-70867728950e';
const REJECT = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

const assigned = {
  id: 'digioffice-task-4711-assigned',
  event: 'task.assigned',
  recipient: { userPrincipalName: 'jan.devries@contoso.nl' },
  task: {
    ID: 4711,
    Name: 'Approve invoice 2026-117',
    WorkflowDescription: 'Invoice approval',
    ExpirationDate: '2026-12-05T17:00:00.0000000',
    Urgent: true,
    RelativeDetailLink: '/workflow/tasks/4711',
  },
  transitions: [
    { ID: APPROVE, Name: 'Approve', IsNext: true },
    { ID: REJECT, Name: 'Reject' },
  ],
  comment: { Required: false },
  reason: { Required: true },
};

const closed = {
  id: 'digioffice-task-4711-closed',
  event: 'task.closed',
  recipient: { userPrincipalName: 'jan.devries@contoso.nl' },
  task: { ID: 4711, Name: 'Approve invoice 2026-117' },
  closedBy: 'Alex Wilber',
  closedAt: '2026-11-30T17:05:00.0000000',
};

const batch = {
  notifications: [
    assigned,
    {
      ...assigned,
      id: 'digioffice-task-4712-assigned',
      recipient: { email: 'alex.wilber@contoso.nl' },
      task: { ID: 4712, Name: 'Review contract C-88', WorkflowDescription: 'Contract review' },
      transitions: [{ ID: APPROVE, Name: 'Done', IsNext: true }],
      reason: { Required: false },
    },
  ],
};

export const CONTRACT_EXAMPLES = {
  assigned: { summary: 'A task assigned to one user (task.assigned)', value: assigned },
  closed: { summary: 'A task finished elsewhere (task.closed)', value: closed },
  batch: { summary: 'A batch of two notifications', value: batch },
} as const;
