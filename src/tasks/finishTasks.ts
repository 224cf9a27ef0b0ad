import type { CardInputs, FieldError } from '../core/cardInputs';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { ActAsUser } from '../core/session';
import type { TaskSnapshot, TaskState } from '../core/task';
import { finishLockKey } from '../core/storageKeys';
import { userPath, type UserKey } from '../core/userKey';
import { parseDigiOfficeDate } from '../digioffice/dates';
import type { FinishTaskOperation } from '../digioffice/dto';
import { toFinishTaskOperation } from '../digioffice/finishOperation';
import type { Storage } from '../storage/storage';
import { classifyFinishFailure } from './finishFailures';
import { checkFinishInputs } from './finishInputs';
import type { TaskStore } from './taskStore';

export interface FinishRequest {
  /** The clicking (or typing) user — never an id from card data. */
  user: UserKey;
  verb: 'task.finish' | 'task.defer';
  taskIds: number[];
  /** For task.finish: the chosen transition id (from a card) or name (from chat). */
  transition: { id: string } | { name: string } | null;
  inputs: CardInputs;
  /** The user's IANA zone for their date inputs. */
  userZone: string;
}

export type FinishOutcome =
  | { kind: 'done'; snapshots: TaskSnapshot[] }
  /** Not open any more (finished by an earlier click, closed in DigiOffice, …): nothing was posted. */
  | { kind: 'notOpen'; snapshots: TaskSnapshot[] }
  /** Another click on the same task is being processed: nothing was posted by this one. */
  | { kind: 'inProgress'; snapshots: TaskSnapshot[] }
  | { kind: 'needsSignIn'; snapshots: TaskSnapshot[] }
  /** Our validation or DigiOffice's 400: nothing changed; errors belong next to the inputs. */
  | { kind: 'invalid'; snapshots: TaskSnapshot[]; errors: FieldError[] }
  /** Some task ids were never sent to this user. */
  | { kind: 'notYours'; taskIds: number[] }
  /** DigiOffice answered 403/404: the task can no longer be finished here (now read-only). */
  | { kind: 'unavailable'; snapshots: TaskSnapshot[] }
  /** 5xx, timeout, network: nothing is known to have changed; the user may try again. */
  | { kind: 'failed'; snapshots: TaskSnapshot[] };

export interface FinishApi {
  finishTasks(operation: FinishTaskOperation, bearerToken: string): Promise<void>;
}

export interface FinishDeps {
  tasks: TaskStore;
  storage: Storage;
  session: ActAsUser;
  digiOffice: FinishApi;
  clock: Clock;
  digiOfficeZone: string;
  wsVerbindingId: string | null;
  logger: Logger;
}

/** A lock older than this is from a crashed attempt; the user may try again. */
const STALE_LOCK_MS = 10 * 60 * 1000;
/** How long a duplicate click waits for the attempt that holds the lock elsewhere (well inside Teams' invoke budget). */
const OTHER_ATTEMPT_WAIT_MS = 5000;
const OTHER_ATTEMPT_POLL_MS = 100;

/**
 * Finishes (or defers) tasks in DigiOffice as the user (DESIGN §5): validates against what the bot stored, maps to
 * FinishTaskOperation, posts once per click, records the outcome. One click = one POST: a per-task lock in storage
 * (create-if-absent) stops a second click or a repeated invoke from posting again, also across instances.
 */
export class TaskFinisher {
  private readonly inFlight = new Map<string, Promise<FinishOutcome>>();

  constructor(private readonly deps: FinishDeps) {}

  async finish(request: FinishRequest): Promise<FinishOutcome> {
    // Registered before the first await, so a concurrent duplicate in this process always finds it.
    const key = flightKey(request);
    const running = this.inFlight.get(key);
    if (running) {
      await running.catch(() => undefined);
      return this.currentOutcome(request);
    }
    const attempt = this.attempt(request);
    this.inFlight.set(key, attempt);
    try {
      return await attempt;
    } finally {
      if (this.inFlight.get(key) === attempt) this.inFlight.delete(key);
    }
  }

  private async attempt(request: FinishRequest): Promise<FinishOutcome> {
    const { found, missing } = await this.deps.tasks.getMany(request.user, request.taskIds);
    if (missing.length > 0) return { kind: 'notYours', taskIds: missing };
    const snapshots = found.map((f) => f.snapshot);
    if (!snapshots.every((s) => s.state.kind === 'open')) return { kind: 'notOpen', snapshots };

    const planned = this.plan(request, snapshots);
    if (!planned.ok) return { kind: 'invalid', snapshots, errors: planned.errors };

    const lockKeys = snapshots.map((s) => finishLockKey(request.user, s.task.ID));
    if (!(await this.acquire(lockKeys))) return this.waitForOtherAttempt(request, lockKeys);
    return this.post(request, snapshots, planned.operations, lockKeys);
  }

  /** Another instance (or an overlapping batch) holds the lock: wait briefly for its result rather than post again. */
  private async waitForOtherAttempt(request: FinishRequest, lockKeys: string[]): Promise<FinishOutcome> {
    for (let waited = 0; waited < OTHER_ATTEMPT_WAIT_MS; waited += OTHER_ATTEMPT_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, OTHER_ATTEMPT_POLL_MS));
      const outcome = await this.currentOutcome(request);
      if (outcome.kind !== 'inProgress') return outcome;
      if (Object.keys(await this.deps.storage.read(lockKeys)).length === 0) return outcome;
    }
    return this.currentOutcome(request);
  }

  private plan(
    request: FinishRequest,
    snapshots: TaskSnapshot[],
  ): { ok: true; operations: PlannedOperation[] } | { ok: false; errors: FieldError[] } {
    const groups = new Map<string, { taskIds: number[]; snapshot: TaskSnapshot; transitionName: string | null }>();
    for (const snapshot of snapshots) {
      const transition = request.verb === 'task.finish' ? findTransition(snapshot, request.transition) : null;
      if (request.verb === 'task.finish' && !transition) {
        const offered = snapshot.transitions.map((t) => t.Name).join(', ');
        const params = { id: String(snapshot.task.ID), offered };
        return {
          ok: false,
          errors: [{ field: 'transition', code: 'transitionNotOffered', params }],
        };
      }
      const groupKey = transition?.ID ?? 'defer';
      const group = groups.get(groupKey) ?? { taskIds: [], snapshot, transitionName: transition?.Name ?? null };
      group.taskIds.push(snapshot.task.ID);
      groups.set(groupKey, group);
    }
    const operations: PlannedOperation[] = [];
    for (const group of groups.values()) {
      const transition = request.verb === 'task.finish' ? findTransition(group.snapshot, request.transition) : null;
      const checked = checkFinishInputs({
        verb: request.verb,
        taskIds: group.taskIds,
        transition,
        inputs: request.inputs,
        reasonRequired: group.snapshot.reasonRequired,
        commentRequired: group.snapshot.commentRequired,
        userZone: request.userZone,
        now: this.deps.clock.now(),
      });
      if (!checked.ok) return { ok: false, errors: checked.errors };
      const operation = toFinishTaskOperation(checked.command, {
        digiOfficeZone: this.deps.digiOfficeZone,
        wsVerbindingId: this.deps.wsVerbindingId,
      });
      operations.push({ operation, transitionName: group.transitionName });
    }
    return { ok: true, operations };
  }

  private async post(
    request: FinishRequest,
    snapshots: TaskSnapshot[],
    operations: PlannedOperation[],
    lockKeys: string[],
  ): Promise<FinishOutcome> {
    let posted = 0;
    try {
      for (const { operation, transitionName } of operations) {
        await this.deps.session.callAsUser(request.user, (bearer) => this.deps.digiOffice.finishTasks(operation, bearer));
        posted++;
        await this.markDone(request, operation, transitionName);
      }
    } catch (err) {
      const failure = classifyFinishFailure(err);
      this.deps.logger.warn({ taskIds: request.taskIds, failure: failure.kind, err: failure.logDetail }, 'finishing tasks failed');
      // Tasks already finished by an earlier operation of this batch keep their lock; the rest may be tried again.
      const finishedIds = new Set(operations.slice(0, posted).flatMap((o) => o.operation.TaskIDs));
      await this.release(lockKeys.filter((_, i) => !finishedIds.has(snapshots[i]?.task.ID ?? -1)));
      if (failure.kind === 'unavailable') await this.markUnavailable(request.user, snapshots);
      const current = await this.reload(request);
      switch (failure.kind) {
        case 'needsSignIn':
          return { kind: 'needsSignIn', snapshots: current };
        case 'invalid':
          return { kind: 'invalid', snapshots: current, errors: failure.errors };
        case 'unavailable':
          return { kind: 'unavailable', snapshots: current };
        case 'failed':
          return { kind: 'failed', snapshots: current };
      }
    }
    return { kind: 'done', snapshots: await this.reload(request) };
  }

  private async markDone(request: FinishRequest, operation: FinishTaskOperation, transitionName: string | null): Promise<void> {
    const by = (await this.deps.session.displayName(request.user)) ?? '';
    const at = this.deps.clock.now().toISOString();
    const state: TaskState =
      operation.DeferTo !== null
        ? { kind: 'deferred', by, at, until: parseDigiOfficeDate(operation.DeferTo, this.deps.digiOfficeZone).toISOString() }
        : { kind: 'finished', by, at, transitionName: transitionName ?? '' };
    for (const taskId of operation.TaskIDs) {
      await this.deps.tasks.update(request.user, taskId, (s) => ({ ...s, state, updatedAt: at }));
    }
  }

  private async markUnavailable(user: UserKey, snapshots: TaskSnapshot[]): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    for (const s of snapshots)
      await this.deps.tasks.update(user, s.task.ID, (c) => ({ ...c, state: { kind: 'unavailable', at }, updatedAt: at }));
  }

  private async currentOutcome(request: FinishRequest): Promise<FinishOutcome> {
    const snapshots = await this.reload(request);
    return snapshots.every((s) => s.state.kind === 'open') ? { kind: 'inProgress', snapshots } : { kind: 'notOpen', snapshots };
  }

  private async reload(request: FinishRequest): Promise<TaskSnapshot[]> {
    const { found } = await this.deps.tasks.getMany(request.user, request.taskIds);
    return found.map((f) => f.snapshot);
  }

  /** Takes every lock or none. A lock left by a crashed attempt expires after STALE_LOCK_MS. */
  private async acquire(keys: string[]): Promise<boolean> {
    const taken: string[] = [];
    const now = this.deps.clock.now();
    for (const key of keys) {
      if (await this.deps.storage.create(key, { startedAt: now.toISOString() })) {
        taken.push(key);
        continue;
      }
      const existing = (await this.deps.storage.read([key]))[key];
      const startedAt = typeof existing?.startedAt === 'string' ? Date.parse(existing.startedAt) : now.getTime();
      if (now.getTime() - startedAt > STALE_LOCK_MS) {
        await this.deps.storage.delete([key]);
        if (await this.deps.storage.create(key, { startedAt: now.toISOString() })) {
          taken.push(key);
          continue;
        }
      }
      await this.release(taken);
      return false;
    }
    return true;
  }

  private async release(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.deps.storage.delete(keys);
  }
}

interface PlannedOperation {
  operation: FinishTaskOperation;
  transitionName: string | null;
}

function flightKey(request: FinishRequest): string {
  return `${userPath(request.user)}/${[...new Set(request.taskIds)].sort((a, b) => a - b).join(',')}`;
}

function findTransition(snapshot: TaskSnapshot, chosen: FinishRequest['transition']) {
  if (!chosen) return null;
  if ('id' in chosen) return snapshot.transitions.find((t) => t.ID === chosen.id.toLowerCase()) ?? null;
  const name = chosen.name.trim().toLowerCase();
  return snapshot.transitions.find((t) => t.Name.toLowerCase() === name) ?? null;
}
