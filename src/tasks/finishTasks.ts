import type { FieldError } from '../core/cardInputs';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { ActAsUser } from '../core/session';
import { isActionable, type TaskSnapshot } from '../core/task';
import { userPath, type UserKey } from '../core/userKey';
import type { FinishFailure } from './finishFailures';
import type { FinishLocks } from './finishLocks';
import { planFinish, type FinishChoice, type PlannedOperation } from './finishPlan';
import { FinishPosting, type FinishApi, type Posted } from './finishPosting';
import { FinishRecords } from './finishRecords';
import type { StoredSnapshot, TaskStore } from './taskStore';

export interface FinishRequest extends FinishChoice {
  /** The clicking (or typing) user — never an id from card data. */
  user: UserKey;
  taskIds: number[];
  /** The revision of the task the clicked card was drawn from (absent for chat and for cards drawn before it existed). */
  cardRevision?: number;
  /**
   * The tasks' snapshots as the caller has just read them, in the order of `taskIds` (a card click reads its task
   * when it remembers the card): then they are not read again before the locks. Only the read after the locks decides.
   */
  read?: TaskSnapshot[];
}

export type FinishOutcome =
  | { kind: 'done'; snapshots: TaskSnapshot[] }
  /** Not open any more (finished by an earlier click, closed in DigiOffice, …): nothing was posted. */
  | { kind: 'notOpen'; snapshots: TaskSnapshot[] }
  /** The task changed since the clicked card was drawn (or while this click waited): nothing was posted. */
  | { kind: 'stale'; snapshots: TaskSnapshot[] }
  /** Another click on the same task is being processed: nothing was posted by this one. */
  | { kind: 'inProgress'; snapshots: TaskSnapshot[] }
  | { kind: 'needsSignIn'; snapshots: TaskSnapshot[] }
  /** Our validation or DigiOffice's 400: nothing changed; errors belong next to the inputs. */
  | { kind: 'invalid'; snapshots: TaskSnapshot[]; errors: FieldError[] }
  /** Some task ids were never sent to this user. */
  | { kind: 'notYours'; taskIds: number[] }
  /** DigiOffice answered 403/404: the task can no longer be finished here (now read-only). */
  | { kind: 'unavailable'; snapshots: TaskSnapshot[] }
  /** DigiOffice said the task was already finished (by an earlier attempt with an unknown outcome, or elsewhere). */
  | { kind: 'alreadyFinished'; snapshots: TaskSnapshot[] }
  /** DigiOffice may have applied it (no answer in time): recorded as unknown; only the user's retry posts again. */
  | { kind: 'unknown'; snapshots: TaskSnapshot[] }
  /** 5xx, refused connection: nothing changed; the user may try again. */
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
 * A POST DigiOffice may have applied without answering is recorded as unknown: only the user's retry posts again, and
 * its answer settles it (docs/architecture.md, "When DigiOffice does not answer").
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
    this.records = new FinishRecords({ tasks: deps.tasks, clock: deps.clock });
  }

  async finish(request: FinishRequest): Promise<FinishOutcome> {
    // Registered before the first await, so a concurrent duplicate in this process always finds it.
    const key = flightKey(request);
    const running = this.inFlight.get(key);
    if (running) return this.sameAs(running, request);
    const attempt = this.attempt(request);
    this.inFlight.set(key, attempt);
    try {
      return await attempt;
    } finally {
      if (this.inFlight.get(key) === attempt) this.inFlight.delete(key);
    }
  }

  private async attempt(request: FinishRequest): Promise<FinishOutcome> {
    const read = await this.firstRead(request);
    if ('missing' in read) return { kind: 'notYours', taskIds: read.missing };
    const snapshots = read.snapshots;
    const refused = refusal(request, snapshots, snapshots);
    if (refused) return refused;

    const plan = planFinish(request, snapshots, this.deps.clock.now());
    if (!plan.ok) return { kind: 'invalid', snapshots, errors: plan.errors };

    const lockIds = [...new Set(snapshots.map((s) => s.task.ID))];
    if (!(await this.deps.locks.acquire(request.user, lockIds))) return this.waitForOtherAttempt(request, snapshots, lockIds);
    const held = { lockIds, releasable: true };
    try {
      // A click that finished the tasks between our read and our lock has recorded its outcome: that answers this one.
      const current = await this.reloadStored(request);
      const currentSnapshots = current.map((c) => c.snapshot);
      return refusal(request, snapshots, currentSnapshots) ?? (await this.post(request, plan.operations, held, current));
    } finally {
      if (held.releasable) await this.deps.locks.release(request.user, lockIds);
    }
  }

  /**
   * Posts the operations in order and records each outcome. While DigiOffice has taken an operation that is not
   * recorded yet, only the locks stop a second POST: should recording fail, they stay until they go stale. The last
   * outcome is recorded together with the locks' release.
   */
  private async post(
    request: FinishRequest,
    operations: PlannedOperation[],
    held: { lockIds: number[]; releasable: boolean },
    current: StoredSnapshot[],
  ): Promise<FinishOutcome> {
    // The snapshots as read under the locks are the base of the outcome's writes (no second read); the answer shows
    // them as written.
    const known = new Map(current.map((c) => [c.snapshot.task.ID, c]));
    const written = new Map<number, TaskSnapshot>();
    for (const [i, planned] of operations.entries()) {
      const posted = await this.posting.post(request.user, planned);
      held.releasable = false;
      if (posted.failure) return this.failed(request, planned, posted, held);
      const last = i === operations.length - 1;
      const also = last ? this.deps.locks.releaseChanges(request.user, held.lockIds) : [];
      const outcome = { by: posted.displayName ?? '', also, known };
      for (const snapshot of await this.records.done(request.user, planned, outcome)) written.set(snapshot.task.ID, snapshot);
      // After the last outcome the locks are gone with it; before, they are released at the end as usual.
      held.releasable = !last;
    }
    return { kind: 'done', snapshots: current.map((c) => written.get(c.snapshot.task.ID) ?? c.snapshot) };
  }

  /** Tasks finished by an earlier operation of the batch stay finished; the failed operation's tasks may be tried again. */
  private async failed(
    request: FinishRequest,
    planned: PlannedOperation,
    posted: Extract<Posted, { failure: FinishFailure }>,
    held: { releasable: boolean },
  ): Promise<FinishOutcome> {
    const { failure, displayName } = posted;
    const taskIds = planned.command.taskIds;
    if (failure.kind === 'unavailable') await this.records.unavailable(request.user, taskIds);
    if (failure.kind === 'alreadyFinished') await this.records.alreadyFinished(request.user, taskIds);
    if (failure.kind === 'unknown') await this.records.unknown(request.user, planned, { inputs: request.inputs, by: displayName ?? '' });
    held.releasable = true;
    const snapshots = await this.reload(request);
    switch (failure.kind) {
      case 'invalid':
        return { kind: 'invalid', snapshots, errors: failure.errors };
      case 'needsSignIn':
      case 'unavailable':
      case 'alreadyFinished':
      case 'unknown':
      case 'failed':
        return { kind: failure.kind, snapshots };
    }
  }

  /** The same click twice in this process (Teams resends, a double click): the second gets the first's answer. */
  private async sameAs(running: Promise<FinishOutcome>, request: FinishRequest): Promise<FinishOutcome> {
    const outcome = await running.catch(() => null);
    if (outcome?.kind === 'notYours') return outcome;
    const snapshots = await this.reload(request);
    return outcome ? { ...outcome, snapshots } : settledOutcome(snapshots, snapshots);
  }

  /** Another instance (or an overlapping batch) holds a lock: wait briefly for its outcome rather than post again. */
  private async waitForOtherAttempt(request: FinishRequest, read: TaskSnapshot[], lockIds: number[]): Promise<FinishOutcome> {
    for (let waited = 0; waited < OTHER_ATTEMPT_WAIT_MS; waited += OTHER_ATTEMPT_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, OTHER_ATTEMPT_POLL_MS));
      const outcome = settledOutcome(read, await this.reload(request));
      if (outcome.kind !== 'inProgress') return outcome;
      if (!(await this.deps.locks.anyHeld(request.user, lockIds))) return outcome;
    }
    return settledOutcome(read, await this.reload(request));
  }

  /** The snapshots the caller passed, or read now; the ids never sent to this user, if any. */
  private async firstRead(request: FinishRequest): Promise<{ snapshots: TaskSnapshot[] } | { missing: number[] }> {
    if (request.read?.length === request.taskIds.length) return { snapshots: request.read };
    const { found, missing } = await this.deps.tasks.getMany(request.user, request.taskIds);
    return missing.length > 0 ? { missing } : { snapshots: found.map((f) => f.snapshot) };
  }

  private async reload(request: FinishRequest): Promise<TaskSnapshot[]> {
    return (await this.reloadStored(request)).map((f) => f.snapshot);
  }

  private async reloadStored(request: FinishRequest): Promise<StoredSnapshot[]> {
    return (await this.deps.tasks.getMany(request.user, request.taskIds)).found;
  }
}

/**
 * Why this request must not post, from the tasks as read first (`read`) and now (`current`): a task that is no
 * longer actionable, a card drawn from an older revision, or a change since the first read (another attempt recorded
 * its outcome, or DigiOffice sent news). Null: go ahead.
 */
function refusal(request: FinishRequest, read: TaskSnapshot[], current: TaskSnapshot[]): FinishOutcome | null {
  const drawnFrom = request.cardRevision;
  if (drawnFrom !== undefined && current.some((s) => s.revision !== drawnFrom)) return { kind: 'stale', snapshots: current };
  if (!current.every((s) => isActionable(s.state))) return { kind: 'notOpen', snapshots: current };
  if (changedSince(read, current)) return { kind: 'stale', snapshots: current };
  return null;
}

/** What this click is answered with while (or after) another attempt on the same tasks ran. */
function settledOutcome(read: TaskSnapshot[], current: TaskSnapshot[]): FinishOutcome {
  if (!current.every((s) => isActionable(s.state))) return { kind: 'notOpen', snapshots: current };
  if (current.some((s, i) => s.unknownOutcome && s.unknownOutcome.at !== read[i]?.unknownOutcome?.at)) {
    return { kind: 'unknown', snapshots: current };
  }
  return changedSince(read, current) ? { kind: 'stale', snapshots: current } : { kind: 'inProgress', snapshots: current };
}

function changedSince(read: TaskSnapshot[], current: TaskSnapshot[]): boolean {
  return current.some((s, i) => s.revision !== read[i]?.revision);
}

function flightKey(request: FinishRequest): string {
  return `${userPath(request.user)}/${[...new Set(request.taskIds)].sort((a, b) => a - b).join(',')}`;
}
