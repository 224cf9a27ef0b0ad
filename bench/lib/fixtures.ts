import type { SeedTask, SeedUser, SimulatorSeed } from '../../tools/digioffice-sim';
import { buildNotification, type TaskNotification } from '../../tools/digioffice-sim/notification';
import type { TeamsUser } from '../../test/helpers/teamsActivities';

/**
 * The bench's users and tasks, derived from numbers so every process (bench, bot, bare server, simulator, connector)
 * computes the same ones without sharing state. User n is DigiOffice user 10000 + n and Teams user `29:bench-user-n`.
 */

const INVOICE_TRANSITIONS = [
  {
    ID: 'be0c2a9e-3b4d-4e5f-8a7b-000000000001',
    Name: 'Approve',
    AssignmentAtStartWorkflowIsAdHoc: false,
    AssignmentIsAdHocRequired: false,
    DeferAtStartWorkflowIsAdHoc: false,
    IsNext: true,
  },
  {
    ID: 'be0c2a9e-3b4d-4e5f-8a7b-000000000002',
    Name: 'Reject',
    AssignmentAtStartWorkflowIsAdHoc: false,
    AssignmentIsAdHocRequired: false,
    DeferAtStartWorkflowIsAdHoc: false,
    IsNext: false,
  },
];

export const APPROVE = INVOICE_TRANSITIONS[0] as (typeof INVOICE_TRANSITIONS)[number];

const MEMBER_ID = /^29:bench-user-(\d+)$/;

export function teamsUser(n: number): TeamsUser {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `29:bench-user-${n}`,
    name: `Bench User ${n}`,
    aadObjectId: `b0000000-0000-4000-8000-${hex}`,
    userPrincipalName: `bench${n}@bench.example`,
    email: `bench${n}@bench.example`,
    conversationId: `a:bench-chat-${n}`,
  };
}

/** The bench user a Teams member id names, or null. */
export function userNumberOf(memberId: string): number | null {
  const match = MEMBER_ID.exec(memberId);
  return match ? Number(match[1]) : null;
}

export function digiOfficeUser(n: number): SeedUser {
  const user = teamsUser(n);
  return {
    id: 10_000 + n,
    userName: `bench${n}`,
    password: `bench-secret-${n}`,
    displayName: user.name,
    teams: { aadObjectId: user.aadObjectId, userPrincipalName: user.userPrincipalName, email: user.email },
  };
}

/** An invoice task of user n; `id` must be unique over the whole run. */
export function invoiceTask(id: number, n: number): SeedTask {
  return {
    id,
    name: `Approve invoice INV-BENCH-${id}`,
    workflowId: 500_000 + id,
    workflowDescription: 'Invoice approval',
    userId: digiOfficeUser(n).id,
    urgent: false,
    assignedDate: '2026-11-27T09:15:42.1234567',
    expirationDate: '2026-12-04T17:00:00.0000000',
    commentRequired: false,
    reasonRequired: false,
    transitions: INVOICE_TRANSITIONS,
  };
}

/** Tasks the simulator holds for clicks: `perUser` for each of users 1..users, ids from `firstId`. */
export interface ClickTaskPlan {
  users: number;
  perUser: number;
  firstId: number;
}

export function clickTaskId(plan: ClickTaskPlan, n: number, index: number): number {
  return plan.firstId + (n - 1) * plan.perUser + index;
}

export function simulatorSeed(plan: ClickTaskPlan): SimulatorSeed {
  const users = Array.from({ length: plan.users }, (_, i) => digiOfficeUser(i + 1));
  const tasks: SeedTask[] = [];
  for (let n = 1; n <= plan.users; n++) for (let i = 0; i < plan.perUser; i++) tasks.push(invoiceTask(clickTaskId(plan, n, i), n));
  return { users, groups: [], roles: [], tasks };
}

/** `task.assigned` for task `id` of user n, as DigiOffice's side posts it. */
export function assignedNotification(id: number, n: number): TaskNotification {
  const seed = invoiceTask(id, n);
  const task = { seed, state: { id, userId: seed.userId, status: 'open' as const, finished: null, deferred: null } };
  return buildNotification(task, [digiOfficeUser(n)], { userPrincipalName: teamsUser(n).userPrincipalName }, 'task.assigned');
}
