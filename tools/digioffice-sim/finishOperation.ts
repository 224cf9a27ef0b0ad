import { RequestBinder } from './binding';
import { formatInstant, type SimDate } from './dates';
import { fieldError, validationFailed } from './errors';
import type { SeedTransition, SimulatorSeed } from './seed';
import { alreadyFinishedErrors, callerTasks, ErrorList, isBlank, type TaskContext } from './taskAccess';
import type { StoredTask } from './taskStore';

/** `POST /api/workflowtasks/finish` (FinishTaskOperation, docs/digioffice-contract.md): bind, validate everything, then apply. */

interface RequestedTransition {
  id: string | null;
  userIds: number[];
  groupIds: number[];
  roleIds: number[];
  deferUntil: SimDate | null;
  deferralNote: string | null;
}

export interface FinishRequest {
  taskIds: number[];
  wsVerbindingId: string | null;
  transitions: RequestedTransition[];
  deferTo: SimDate | null;
  reason: string | null;
  comment: string | null;
}

export function bindFinishRequest(body: unknown): FinishRequest {
  const binder = new RequestBinder('FinishTaskOperation');
  const root = binder.root(body);
  // Bound in the DTO's declared order, so binding errors are listed in that order.
  const taskIds = binder.intList(root, 'TaskIDs') ?? [];
  const wsVerbindingId = binder.guid(root, 'WSVerbindingID');
  const transitions = (binder.objectList(root, 'Transitions') ?? []).map((t, i): RequestedTransition => {
    const prefix = `Transitions[${i}].`;
    // Name and the flags are the client's copy; the simulator checks against its own transition definitions.
    return {
      id: binder.guid(t, 'ID', prefix),
      userIds: binder.intList(t, 'UserIDs', prefix) ?? [],
      groupIds: binder.intList(t, 'GroupIDs', prefix) ?? [],
      roleIds: binder.intList(t, 'RoleIDs', prefix) ?? [],
      deferUntil: binder.date(t, 'DeferUntil', prefix),
      deferralNote: binder.string(t, 'DeferralNote', prefix),
    };
  });
  const request: FinishRequest = {
    taskIds,
    wsVerbindingId,
    transitions,
    deferTo: binder.date(root, 'DeferTo'),
    reason: binder.string(root, 'Reason'),
    comment: binder.string(root, 'Comment'),
  };
  binder.done();
  return request;
}

/** Validates the whole request first and changes nothing unless every task can be finished (or deferred). */
export function finishTasks(request: FinishRequest, callerId: number, ctx: TaskContext, seed: SimulatorSeed): void {
  checkShape(request);
  const tasks = callerTasks(request.taskIds, callerId, ctx);
  // [inference] A finished task is refused as such, before the inputs are looked at (docs/digioffice-contract.md).
  const finished = alreadyFinishedErrors(tasks);
  if (finished.length > 0) throw validationFailed(finished);
  const errors = new ErrorList();
  if (tasks.some((t) => t.seed.reasonRequired) && isBlank(request.reason))
    errors.add(fieldError('NotEmpty', 'Reason', "'Reason' must not be empty."));
  if (tasks.some((t) => t.seed.commentRequired) && isBlank(request.comment))
    errors.add(fieldError('NotEmpty', 'Comment', "'Comment' must not be empty."));

  const now = ctx.clock();
  if (request.deferTo) {
    if (request.deferTo.epochMs <= now) errors.add(fieldError('ArgumentException', 'DeferTo', "'Defer To' must be in the future."));
    if (errors.list.length > 0) throw validationFailed(errors.list);
    defer(request, request.deferTo, tasks, callerId, ctx);
    return;
  }

  const chosen = tasks.map((task) => chooseTransition(request, task, errors));
  request.transitions.forEach((t, i) => {
    if (request.transitions.length > 1 && !chosen.some((c) => c?.index === i)) {
      errors.add(
        fieldError(
          'ArgumentException',
          `Transitions[${i}].ID`,
          `Transition ${t.id ?? ''} is not offered for workflow task ${request.taskIds.join(', ')}.`,
        ),
      );
    }
  });
  for (const c of chosen)
    if (c) errors.add(...transitionErrors(c.index, c.definition, request.transitions[c.index] as RequestedTransition, seed, now));
  if (errors.list.length > 0) throw validationFailed(errors.list);

  tasks.forEach((task, i) => {
    const c = chosen[i] as Chosen;
    const requested = request.transitions[c.index] as RequestedTransition;
    ctx.store.markFinished(task.seed.id, {
      byUserId: callerId,
      at: formatInstant(now),
      transition: {
        ID: c.definition.ID,
        Name: c.definition.Name,
        UserIDs: requested.userIds,
        GroupIDs: requested.groupIds,
        RoleIDs: requested.roleIds,
        DeferUntil: requested.deferUntil?.wall ?? null,
        DeferralNote: requested.deferralNote,
      },
      reason: request.reason,
      comment: request.comment,
      wsVerbindingId: request.wsVerbindingId,
    });
  });
}

function checkShape(request: FinishRequest): void {
  const shape = [];
  if (request.taskIds.length === 0) shape.push(fieldError('NotEmpty', 'TaskIDs', "'Task IDs' must not be empty."));
  if (request.transitions.length === 0 && !request.deferTo) {
    shape.push(fieldError('NotEmpty', 'Transitions', "Either 'Transitions' or 'Defer To' must be given."));
  }
  // [inference] A request either finishes (Transitions) or defers (DeferTo only); the simulator refuses the ambiguous mix.
  if (request.transitions.length > 0 && request.deferTo) {
    shape.push(fieldError('ArgumentException', 'DeferTo', "'Defer To' cannot be combined with 'Transitions'."));
  }
  if (shape.length > 0) throw validationFailed(shape);
}

function defer(request: FinishRequest, until: SimDate, tasks: StoredTask[], callerId: number, ctx: TaskContext): void {
  for (const task of tasks) {
    ctx.store.markDeferred(task.seed.id, {
      byUserId: callerId,
      until: until.wall,
      reason: request.reason,
      comment: request.comment,
      wsVerbindingId: request.wsVerbindingId,
      via: 'finish',
    });
  }
}

interface Chosen {
  index: number;
  definition: SeedTransition;
}

/** The one requested transition this task offers; several tasks may share one transition (same workflow definition). */
function chooseTransition(request: FinishRequest, task: StoredTask, errors: ErrorList): Chosen | null {
  const matches = request.transitions
    .map((t, index) => ({ index, definition: task.seed.transitions.find((d) => d.ID === t.id) }))
    .filter((m): m is Chosen => m.definition !== undefined);
  const only = request.transitions.length === 1 ? request.transitions[0] : undefined;
  if (matches.length === 0 && only) {
    errors.add(
      fieldError('ArgumentException', 'Transitions[0].ID', `Transition ${only.id ?? ''} is not offered for workflow task ${task.seed.id}.`),
    );
  } else if (matches.length === 0) {
    errors.add(
      fieldError('ArgumentException', 'Transitions', `None of the given transitions is offered for workflow task ${task.seed.id}.`),
    );
  } else if (matches.length > 1) {
    errors.add(fieldError('ArgumentException', 'Transitions', `Workflow task ${task.seed.id} can take only one transition.`));
  }
  return matches.length === 1 ? (matches[0] as Chosen) : null;
}

function transitionErrors(index: number, definition: SeedTransition, requested: RequestedTransition, seed: SimulatorSeed, now: number) {
  const at = (field: string) => `Transitions[${index}].${field}`;
  const errors = [];
  const assignees = requested.userIds.length + requested.groupIds.length + requested.roleIds.length;
  if (definition.AssignmentIsAdHocRequired && assignees === 0) {
    errors.push(fieldError('NotEmpty', at('UserIDs'), `Transition '${definition.Name}' requires at least one user, group or role.`));
  }
  const unknown = (ids: number[], known: readonly { id: number }[]) => ids.filter((id) => !known.some((k) => k.id === id));
  for (const [field, ids, known, kind] of [
    ['UserIDs', requested.userIds, seed.users, 'user'],
    ['GroupIDs', requested.groupIds, seed.groups, 'group'],
    ['RoleIDs', requested.roleIds, seed.roles, 'role'],
  ] as const) {
    const missing = unknown(ids, known);
    if (missing.length > 0) errors.push(fieldError('ArgumentException', at(field), `Unknown ${kind} ${missing.join(', ')}.`));
  }
  if (requested.deferUntil && !definition.DeferAtStartWorkflowIsAdHoc) {
    errors.push(fieldError('ArgumentException', at('DeferUntil'), `Transition '${definition.Name}' cannot be deferred.`));
  } else if (requested.deferUntil && requested.deferUntil.epochMs <= now) {
    errors.push(fieldError('ArgumentException', at('DeferUntil'), "'Defer Until' must be in the future."));
  }
  return errors;
}
