import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authRoutes } from './authRoutes';
import { AuthStore } from './authStore';
import { controlRoutes, type SimControls } from './controlRoutes';
import { FaultQueue, type ForcedFailure, type LateAnswer } from './faults';
import { buildNotification, type NotificationRecipient, type TaskEvent, type TaskNotification } from './notification';
import { RequestRecorder, type RecordedRequest } from './recorder';
import { createRequestListener } from './requestListener';
import { SEED, type SimulatorSeed } from './seed';
import type { UnknownTaskStatus } from './taskAccess';
import { taskRoutes } from './taskRoutes';
import { TaskStore, type TaskState } from './taskStore';
import { userRoutes } from './userRoutes';

export interface DigiOfficeSimulatorOptions {
  /** Lifetime of bearer tokens. Default 1 hour. */
  tokenTtlMs?: number;
  /** What an unknown task id answers (not known of the real DigiOffice, docs/digioffice-contract.md). Default 404. */
  unknownTaskStatus?: UnknownTaskStatus;
  /** Current time in epoch ms (token expiry, "in the past" checks, FinishedDate). Default `Date.now`. */
  clock?: () => number;
  /** Initial latency before answering DigiOffice routes. Default 0. */
  latencyMs?: number;
  /** Users and tasks to serve instead of {@link SEED} (`npm run bench` needs thousands of open tasks). */
  seed?: SimulatorSeed;
}

export interface DigiOfficeSimulator extends SimControls {
  /** Starts listening; resolves to the base URL without trailing slash, e.g. `http://127.0.0.1:54321`. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** The base URL; throws before `listen`. */
  readonly url: string;
  /** Recorded requests with this verb and path (path without query). */
  requestsTo(method: string, path: string): RecordedRequest[];
}

/**
 * A DigiOffice API Services stand-in speaking its wire format (docs/digioffice-contract.md), seeded with {@link SEED}.
 *
 * @example
 * const sim = createDigiOfficeSimulator();
 * const baseUrl = await sim.listen();          // http://127.0.0.1:PORT — the bot appends /api/...
 * // ... drive the bot ...
 * expect(sim.requestsTo('POST', '/api/workflowtasks/finish')).toHaveLength(1);
 * await sim.close();
 */
export function createDigiOfficeSimulator(options: DigiOfficeSimulatorOptions = {}): DigiOfficeSimulator {
  const seed: SimulatorSeed = options.seed ?? SEED;
  const clock = options.clock ?? Date.now;
  const auth = new AuthStore(seed.users, clock, options.tokenTtlMs ?? 3_600_000);
  const store = new TaskStore(seed);
  const recorder = new RequestRecorder();
  const failures = new FaultQueue<ForcedFailure>();
  const lateAnswers = new FaultQueue<LateAnswer>();
  let latencyMs = options.latencyMs ?? 0;
  let closing = new AbortController();
  let server: Server | null = null;
  let baseUrl: string | null = null;

  const sim: DigiOfficeSimulator = {
    get url(): string {
      if (baseUrl === null) throw new Error('the DigiOffice simulator is not listening');
      return baseUrl;
    },
    get requests(): RecordedRequest[] {
      return recorder.all();
    },
    requestsTo: (method, path) => recorder.to(method, path),
    clearRequests: () => recorder.clear(),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    failNext: (method, path, status, body) => failures.add({ method, path, status, body }),
    answerLateNext: (method, path, delayMs) => lateAnswers.add({ method, path, delayMs }),
    reset: () => {
      store.reset();
      auth.reset();
      recorder.clear();
      failures.clear();
      lateAnswers.clear();
      latencyMs = options.latencyMs ?? 0;
    },
    expireAllTokens: () => auth.expireAllTokens(),
    revokeRefreshTokens: () => auth.revokeRefreshTokens(),
    taskState: (id) => store.snapshot(id),
    notificationFor: (taskId: number, recipient: NotificationRecipient, event: TaskEvent = 'task.assigned'): TaskNotification => {
      const task = store.find(taskId);
      if (!task) throw new Error(`no task ${taskId} in the simulator`);
      return buildNotification(task, seed.users, recipient, event);
    },
    listen: async (port = 0, host = '127.0.0.1') => {
      if (server) throw new Error('the DigiOffice simulator is already listening');
      closing = new AbortController();
      const listener = createRequestListener({
        apiRoutes: [
          ...authRoutes(auth),
          ...userRoutes(auth, seed),
          ...taskRoutes(auth, { store, clock, unknownTaskStatus: options.unknownTaskStatus ?? 404 }, seed),
        ],
        controlRoutes: controlRoutes(sim, seed),
        recorder,
        failures,
        lateAnswers,
        latencyMs: () => latencyMs,
        closing: () => closing.signal,
      });
      const started = createServer(listener);
      await new Promise<void>((resolve, reject) => {
        started.once('error', reject);
        started.listen(port, host, () => resolve());
      });
      server = started;
      const address = started.address() as AddressInfo;
      baseUrl = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
      return baseUrl;
    },
    close: async () => {
      const running = server;
      if (!running) return;
      server = null;
      baseUrl = null;
      closing.abort();
      running.closeAllConnections();
      await new Promise<void>((resolve, reject) => running.close((error) => (error ? reject(error) : resolve())));
    },
  };
  return sim;
}

export type { TaskState };
