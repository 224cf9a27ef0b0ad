import type { FieldError } from '../core/cardInputs';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { ActAsUser } from '../core/session';
import { isActionable, type TaskSnapshot } from '../core/task';
import { userPath, type UserKey } from '../core/userKey';
import type { FinishFailure } from './finishFailures';
import type { FinishLocks } from './finishLocks';
import { planFinish, type FinishChoice, type PlannedOperation } from './finishPlan';
import { FinishPosting, type FinishApi } from './finishPosting';
import { FinishRecords } from './finishRecords';
import type { TaskStore } from './taskStore';

export interface FinishRequest extends FinishChoice {
  /** The clicking (or typing) user — never an id from card data. */
  user: UserKey;
  taskIds: number[];
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

export interface FinishDeps {
  tasks: TaskStore;
  locks: FinishLocks;
  session: ActAsUser;
  digiOffice: FinishApi;
  clock: Clock;
  digiOfficeZone: string;
  wsVerbindingId: string | null;
  logger: Logger;
}

/** How long a duplicate click waits for the attempt that holds the lock elsewhere (well inside Teams' invoke budget). */
const OTHER_ATTEMPT_WAIT_MS = 5000;
const OTHER_ATTEMPT_POLL_MS = 100;

/**
 * Finishes (or defers) tasks in DigiOffice as the user: checks the request against what the bot stored
 * (finishPlan.ts), posts each operation once (finishPosting.ts) and records the outcome (finishRecords.ts).
 * One click = one POST: a duplicate in this process waits for the first; across instances the per-task locks
 * (finishLocks.ts) let one attempt post, and once it is recorded the snapshot's state answers every later click.
 */
export class TaskFinisher {
  private readonly inFlight = new Map<string, Promise<FinishOutcome>>();
  private readonly posting: FinishPosting;
  private readonly records: FinishRecords;

  constructor(private readonly deps: FinishDeps) {
    this.posting = new FinishPosting({
      session: deps.session,
      digiOffice: deps.digiOffice,
      target: { digiOfficeZone: deps.digiOfficeZone, wsVerbindingId: deps.wsVerbindingId },
      logger: deps.logger,
    });
    this.records = new FinishRecords({ tasks: deps.tasks, session: deps.session, clock: deps.clock });
  }

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
    if (!snapshots.every(isOpen)) return { kind: 'notOpen', snapshots };

    const plan = planFinish(request, snapshots, this.deps.clock.now());
    if (!plan.ok) return { kind: 'invalid', snapshots, errors: plan.errors };

    const lockIds = [...new Set(snapshots.map((s) => s.task.ID))];
    if (!(await this.deps.locks.acquire(request.user, lockIds))) return this.waitForOtherAttempt(request, lockIds);
    const held = { releasable: true };
    try {
      // A click that finished the tasks between our read and our lock has recorded its outcome: that answers this one.
      const current = await this.reload(request);
      if (!current.every(isOpen)) return { kind: 'notOpen', snapshots: current };
      return await this.post(request, plan.operations, held);
    } finally {
      if (held.releasable) await this.deps.locks.release(request.user, lockIds);
    }
  }

  /**
   * Posts the operations in order and records each outcome. While DigiOffice has taken an operation that is not
   * recorded yet, only the locks stop a second POST: should recording fail, they stay until they go stale.
   */
  private async post(request: FinishRequest, operations: PlannedOperation[], held: { releasable: boolean }): Promise<FinishOutcome> {
    for (const planned of operations) {
      const failure = await this.posting.post(request.user, planned);
      if (failure) return this.failed(request, planned, failure);
      held.releasable = false;
      await this.records.done(request.user, planned);
      held.releasable = true;
    }
    return { kind: 'done', snapshots: await this.reload(request) };
  }

  /** Tasks finished by an earlier operation of the batch stay finished; the failed operation's tasks may be tried again. */
  private async failed(request: FinishRequest, planned: PlannedOperation, failure: FinishFailure): Promise<FinishOutcome> {
    if (failure.kind === 'unavailable') await this.records.unavailable(request.user, planned.command.taskIds);
    const snapshots = await this.reload(request);
    switch (failure.kind) {
      case 'needsSignIn':
        return { kind: 'needsSignIn', snapshots };
      case 'invalid':
        return { kind: 'invalid', snapshots, errors: failure.errors };
      case 'unavailable':
        return { kind: 'unavailable', snapshots };
      case 'failed':
        return { kind: 'failed', snapshots };
    }
  }

  /** Another instance (or an overlapping batch) holds a lock: wait briefly for its outcome rather than post again. */
  private async waitForOtherAttempt(request: FinishRequest, lockIds: number[]): Promise<FinishOutcome> {
    for (let waited = 0; waited < OTHER_ATTEMPT_WAIT_MS; waited += OTHER_ATTEMPT_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, OTHER_ATTEMPT_POLL_MS));
      const outcome = await this.currentOutcome(request);
      if (outcome.kind !== 'inProgress') return outcome;
      if (!(await this.deps.locks.anyHeld(request.user, lockIds))) return outcome;
    }
    return this.currentOutcome(request);
  }

  private async currentOutcome(request: FinishRequest): Promise<FinishOutcome> {
    const snapshots = await this.reload(request);
    return snapshots.every(isOpen) ? { kind: 'inProgress', snapshots } : { kind: 'notOpen', snapshots };
  }

  private async reload(request: FinishRequest): Promise<TaskSnapshot[]> {
    const { found } = await this.deps.tasks.getMany(request.user, request.taskIds);
    return found.map((f) => f.snapshot);
  }
}

/** A deferred task is still open in DigiOffice: it can be finished (or deferred again). */
function isOpen(snapshot: TaskSnapshot): boolean {
  return isActionable(snapshot.state);
}

function flightKey(request: FinishRequest): string {
  return `${userPath(request.user)}/${[...new Set(request.taskIds)].sort((a, b) => a - b).join(',')}`;
}
