import type { NotificationRecipient, TaskEvent, TaskNotification } from './notification';
import type { RecordedRequest } from './recorder';
import type { ApiRequest, ApiResponse, Route } from './router';
import type { SimulatorSeed } from './seed';
import type { TaskState } from './taskStore';

/**
 * The test controls over HTTP under `/_sim/` (no auth, not recorded, no latency) so the demo and out-of-process
 * tests can drive the simulator. Our own API: camelCase JSON.
 */

export interface SimControls {
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  setLatency(ms: number): void;
  failNext(method: string, path: string, status: number, body?: unknown): void;
  /**
   * The next matching request is handled (a finish is applied) as usual, and answered only after `delayMs`: longer
   * than the client's timeout, it plays a DigiOffice that did the work but whose answer never arrived.
   */
  answerLateNext(method: string, path: string, delayMs: number): void;
  reset(): void;
  expireAllTokens(): void;
  revokeRefreshTokens(): void;
  taskState(id: number): TaskState | undefined;
  notificationFor(taskId: number, recipient: NotificationRecipient, event?: TaskEvent): TaskNotification;
}

const EVENTS: readonly string[] = ['task.assigned', 'task.updated', 'task.closed'];
const DONE: ApiResponse = { status: 204 };

function badRequest(message: string): ApiResponse {
  return { status: 400, body: { error: message } };
}

function objectBody(req: ApiRequest): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
}

function action(run: () => void): () => ApiResponse {
  return () => {
    run();
    return DONE;
  };
}

function failNext(sim: SimControls, req: ApiRequest): ApiResponse {
  const { method, path, status, body } = objectBody(req);
  if (typeof method !== 'string' || typeof path !== 'string' || typeof status !== 'number') {
    return badRequest('expected {method: string, path: string, status: number, body?}');
  }
  sim.failNext(method, path, status, body);
  return DONE;
}

function answerLateNext(sim: SimControls, req: ApiRequest): ApiResponse {
  const { method, path, ms } = objectBody(req);
  if (typeof method !== 'string' || typeof path !== 'string' || typeof ms !== 'number' || ms < 0) {
    return badRequest('expected {method: string, path: string, ms: number >= 0}');
  }
  sim.answerLateNext(method, path, ms);
  return DONE;
}

function notification(sim: SimControls, req: ApiRequest): ApiResponse {
  const { taskId, recipient, event } = objectBody(req);
  if (typeof taskId !== 'number' || typeof recipient !== 'object' || recipient === null) {
    return badRequest('expected {taskId: number, recipient: {aadObjectId?, userPrincipalName?, email?}, event?}');
  }
  if (event !== undefined && (typeof event !== 'string' || !EVENTS.includes(event)))
    return badRequest(`event must be one of ${EVENTS.join(', ')}`);
  if (!sim.taskState(taskId)) return { status: 404, body: { error: `no task ${taskId}` } };
  return { status: 200, body: sim.notificationFor(taskId, recipient, event as TaskEvent | undefined) };
}

export function controlRoutes(sim: SimControls, seed: SimulatorSeed): Route[] {
  return [
    { path: '/_sim/requests', methods: ['GET'], handler: () => ({ status: 200, body: { requests: sim.requests } }) },
    { path: '/_sim/requests', methods: ['DELETE'], handler: action(() => sim.clearRequests()) },
    {
      path: '/_sim/latency',
      methods: ['POST'],
      handler: (req) => {
        const { ms } = objectBody(req);
        if (typeof ms !== 'number' || ms < 0) return badRequest('expected {ms: number >= 0}');
        sim.setLatency(ms);
        return DONE;
      },
    },
    { path: '/_sim/fail-next', methods: ['POST'], handler: (req) => failNext(sim, req) },
    { path: '/_sim/answer-late-next', methods: ['POST'], handler: (req) => answerLateNext(sim, req) },
    { path: '/_sim/reset', methods: ['POST'], handler: action(() => sim.reset()) },
    { path: '/_sim/expire-tokens', methods: ['POST'], handler: action(() => sim.expireAllTokens()) },
    { path: '/_sim/revoke-refresh-tokens', methods: ['POST'], handler: action(() => sim.revokeRefreshTokens()) },
    {
      path: '/_sim/tasks/{id}',
      methods: ['GET'],
      handler: (req) => {
        const state = sim.taskState(Number(req.params['id']));
        return state ? { status: 200, body: state } : { status: 404, body: { error: `no task ${req.params['id'] ?? ''}` } };
      },
    },
    { path: '/_sim/notification', methods: ['POST'], handler: (req) => notification(sim, req) },
    { path: '/_sim/seed', methods: ['GET'], handler: () => ({ status: 200, body: seed }) },
  ];
}
