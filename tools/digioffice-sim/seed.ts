/**
 * The simulator's fixed data. Tests and `npm run demo` rely on these exact values; change them only together with
 * everything that uses them. Dates are DigiOffice wall-clock (Europe/Amsterdam) in DigiOffice's 7-digit format.
 */

/** How a DigiOffice user appears in Teams (what a notification's `recipient` names). */
export interface SeedTeamsIdentity {
  aadObjectId: string;
  userPrincipalName: string;
  email: string;
}

export interface SeedUser {
  id: number;
  userName: string;
  password: string;
  displayName: string;
  teams: SeedTeamsIdentity;
}

export interface SeedGroup {
  id: number;
  title: string;
}

/** A transition as DigiOffice offers it (WorkflowTransitionDTO flags, PascalCase as on the wire). */
export interface SeedTransition {
  ID: string;
  Name: string;
  AssignmentAtStartWorkflowIsAdHoc: boolean;
  AssignmentIsAdHocRequired: boolean;
  DeferAtStartWorkflowIsAdHoc: boolean;
  IsNext: boolean;
}

export interface SeedTask {
  id: number;
  name: string;
  workflowId: number;
  workflowDescription: string;
  userId: number;
  urgent: boolean;
  assignedDate: string;
  expirationDate: string;
  commentRequired: boolean;
  reasonRequired: boolean;
  transitions: readonly SeedTransition[];
}

export interface SimulatorSeed {
  users: readonly SeedUser[];
  groups: readonly SeedGroup[];
  /** Roles can be assigned (RoleIDs) but are not returned by the user/group search. */
  roles: readonly SeedGroup[];
  tasks: readonly SeedTask[];
}

/**
 * Fixed transition ids. Tasks 42, 45 and 46 are instances of the same "Invoice approval" workflow definition, so they
 * share its transition ids (a transition belongs to the definition): one FinishTaskOperation with one transition can
 * finish 42 and 46 together.
 */
export const TRANSITION_IDS = {
  invoiceApprove: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a01',
  invoiceReject: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a02',
  drawingDone: 'b7e4d2c1-5a6f-4b8e-9c0d-2e3f4a5b6c01',
  drawingForward: 'b7e4d2c1-5a6f-4b8e-9c0d-2e3f4a5b6c02',
  contractSignOff: 'c3a1f0e2-7d8b-4c9a-8e1f-3a4b5c6d7e01',
  contractSignOffFollowUp: 'c3a1f0e2-7d8b-4c9a-8e1f-3a4b5c6d7e02',
} as const;

function transition(ID: string, Name: string, flags: Partial<Omit<SeedTransition, 'ID' | 'Name'>> = {}): SeedTransition {
  return {
    ID,
    Name,
    AssignmentAtStartWorkflowIsAdHoc: false,
    AssignmentIsAdHocRequired: false,
    DeferAtStartWorkflowIsAdHoc: false,
    IsNext: false,
    ...flags,
  };
}

const invoiceTransitions = [
  transition(TRANSITION_IDS.invoiceApprove, 'Approve', { IsNext: true }),
  transition(TRANSITION_IDS.invoiceReject, 'Reject'),
];

function invoiceTask(id: number, userId: number, assignedDate: string, expirationDate: string, urgent: boolean): SeedTask {
  return {
    id,
    name: `Approve invoice INV-2026-00${id}`,
    workflowId: 1000 + id,
    workflowDescription: 'Invoice approval',
    userId,
    urgent,
    assignedDate,
    expirationDate,
    commentRequired: false,
    reasonRequired: false,
    transitions: invoiceTransitions,
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value) as unknown[]) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const SEED: SimulatorSeed = deepFreeze({
  users: [
    {
      id: 12,
      userName: 'alexw',
      password: 'demo',
      displayName: 'Alex Wilber',
      // The Microsoft 365 Agents Playground's default user.
      teams: { aadObjectId: '00000000-0000-0000-0000-0000000000020', userPrincipalName: 'alexw@example.com', email: 'alexw@example.com' },
    },
    {
      id: 14,
      userName: 'jan',
      password: 'jan-secret',
      displayName: 'Jan de Vries',
      teams: { aadObjectId: '3f0c9a52-6f1e-4d8b-a7c4-14d1e5a0c014', userPrincipalName: 'jan@contoso.nl', email: 'jan@contoso.nl' },
    },
    {
      id: 15,
      userName: 'els',
      password: 'els-secret',
      displayName: 'Els Bakker',
      teams: { aadObjectId: 'b2d84e17-93c5-4a60-8f2b-15e7c3a9d015', userPrincipalName: 'els@contoso.nl', email: 'els@contoso.nl' },
    },
    // "Jan" is part of "Jansen": typing "to Jan" must still mean Jan de Vries.
    {
      id: 16,
      userName: 'piet',
      password: 'piet-secret',
      displayName: 'Piet Jansen',
      teams: { aadObjectId: 'c4e1f2a3-5b6c-4d7e-8f90-16a2b3c4d016', userPrincipalName: 'piet@contoso.nl', email: 'piet@contoso.nl' },
    },
    // A second Bakker: "to Bakker" matches two people equally well.
    {
      id: 17,
      userName: 'marie',
      password: 'marie-secret',
      displayName: 'Marie Bakker',
      teams: { aadObjectId: 'd5f2a3b4-6c7d-4e8f-9a01-17b3c4d5e017', userPrincipalName: 'marie@contoso.nl', email: 'marie@contoso.nl' },
    },
  ],
  groups: [
    { id: 3, title: 'Finance' },
    { id: 4, title: 'Legal' },
  ],
  roles: [{ id: 5, title: 'Controllers' }],
  tasks: [
    invoiceTask(42, 12, '2026-11-27T09:15:42.1234567', '2026-12-04T17:00:00.0000000', true),
    {
      id: 43,
      name: 'Review drawing DR-118 rev C',
      workflowId: 1043,
      workflowDescription: 'Drawing review',
      userId: 12,
      urgent: false,
      assignedDate: '2026-11-28T14:03:00.0000000',
      // The day after the 2027 switch to summer time: +02:00, where the other dates are +01:00.
      expirationDate: '2027-03-29T12:00:00.0000000',
      commentRequired: true,
      reasonRequired: false,
      transitions: [
        transition(TRANSITION_IDS.drawingDone, 'Done', { IsNext: true }),
        transition(TRANSITION_IDS.drawingForward, 'Forward for review', {
          AssignmentIsAdHocRequired: true,
          AssignmentAtStartWorkflowIsAdHoc: true,
        }),
      ],
    },
    {
      id: 44,
      name: 'Sign off contract C-2026-07',
      workflowId: 1044,
      workflowDescription: 'Contract sign-off',
      userId: 12,
      urgent: false,
      assignedDate: '2026-11-30T08:30:00.0000000',
      expirationDate: '2026-12-15T12:00:00.0000000',
      commentRequired: false,
      reasonRequired: true,
      transitions: [
        transition(TRANSITION_IDS.contractSignOff, 'Sign off', { IsNext: true }),
        transition(TRANSITION_IDS.contractSignOffFollowUp, 'Sign off, follow up later', { DeferAtStartWorkflowIsAdHoc: true }),
      ],
    },
    invoiceTask(45, 14, '2026-11-29T10:00:00.0000000', '2026-12-06T17:00:00.0000000', false),
    invoiceTask(46, 12, '2026-11-29T11:30:00.0000000', '2026-12-07T17:00:00.0000000', false),
  ],
});
