import { requireSession } from './authGuard';
import type { AuthStore } from './authStore';
import { RequestBinder } from './binding';
import { fieldError, validationFailed } from './errors';
import { bindFinishRequest, finishTasks } from './finishOperation';
import type { SimulatorSeed } from './seed';
import { alreadyFinishedErrors, callerTasks, ErrorList, isBlank, type TaskContext } from './taskAccess';
import type { ApiRequest, ApiResponse, Route } from './router';
import { toWorkflowTaskWire } from './wireDto';

/** The workflow-task operations of DigiOffice API Services (docs/digioffice-contract.md). */

const NO_CONTENT: ApiResponse = { status: 204 };

/**
 * The caller's DigiOffice user id, or the 401. ServiceStack binds the request DTO before its `[Authenticate]` filter
 * and validates after it, so handlers bind first (400 SerializationException), then authenticate, then validate.
 */
type Caller = (req: ApiRequest) => number;

/** `POST /api/workflowtasks/postpone` (PostponeTaskOperation): TaskIDs, DateTime and Reason are all required. */
function postpone(req: ApiRequest, caller: Caller, ctx: TaskContext): ApiResponse {
  const binder = new RequestBinder('PostponeTaskOperation');
  const root = binder.root(req.body);
  const taskIds = binder.intList(root, 'TaskIDs') ?? [];
  const until = binder.date(root, 'DateTime');
  const reason = binder.string(root, 'Reason');
  binder.done();
  const callerId = caller(req);

  const required = new ErrorList();
  if (taskIds.length === 0) required.add(fieldError('NotEmpty', 'TaskIDs', "'Task IDs' must not be empty."));
  if (!until) required.add(fieldError('NotEmpty', 'DateTime', "'Date Time' must not be empty."));
  if (isBlank(reason)) required.add(fieldError('NotEmpty', 'Reason', "'Reason' must not be empty."));
  if (required.list.length > 0 || !until) throw validationFailed(required.list);

  const tasks = callerTasks(taskIds, callerId, ctx);
  const errors = new ErrorList();
  errors.add(...alreadyFinishedErrors(tasks));
  if (until.epochMs <= ctx.clock()) errors.add(fieldError('ArgumentException', 'DateTime', "'Date Time' must be in the future."));
  if (errors.list.length > 0) throw validationFailed(errors.list);

  for (const task of tasks) {
    ctx.store.markDeferred(task.seed.id, {
      byUserId: callerId,
      until: until.wall,
      reason,
      comment: null,
      wsVerbindingId: null,
      via: 'postpone',
    });
  }
  return NO_CONTENT;
}

/**
 * `POST /api/workflowmultitasks` (GetMultiTaskOperation). Its request and response wrapper are not known; inferred here:
 * `{TaskIDs}` in, `{Tasks:[WorkflowTaskDTO…]}` out, only tasks assigned to the caller, unknown ids skipped. Without
 * TaskIDs it lists the caller's unfinished tasks (a stand-in: DigiOffice has no known operation that lists a user's tasks).
 */
function multiTasks(req: ApiRequest, caller: Caller, ctx: TaskContext): ApiResponse {
  const binder = new RequestBinder('GetMultiTaskOperation');
  const taskIds = binder.intList(binder.root(req.body), 'TaskIDs') ?? [];
  binder.done();
  const mine = ctx.store.ofUser(caller(req));
  const tasks = taskIds.length === 0 ? mine.filter((t) => t.state.status !== 'finished') : mine.filter((t) => taskIds.includes(t.seed.id));
  return { status: 200, body: { Tasks: tasks.map(toWorkflowTaskWire) } };
}

function finish(req: ApiRequest, caller: Caller, ctx: TaskContext, seed: SimulatorSeed): ApiResponse {
  const request = bindFinishRequest(req.body);
  finishTasks(request, caller(req), ctx, seed);
  return NO_CONTENT;
}

export function taskRoutes(auth: AuthStore, ctx: TaskContext, seed: SimulatorSeed): Route[] {
  const caller: Caller = (req) => requireSession(auth, req).user.id;
  return [
    { path: '/api/workflowtasks/finish', methods: ['POST'], handler: (req) => finish(req, caller, ctx, seed) },
    { path: '/api/workflowtasks/postpone', methods: ['POST'], handler: (req) => postpone(req, caller, ctx) },
    { path: '/api/workflowmultitasks', methods: ['POST'], handler: (req) => multiTasks(req, caller, ctx) },
  ];
}
