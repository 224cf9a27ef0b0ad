import { fieldError, SimHttpError, type ResponseErrorWire } from './errors';
import type { StoredTask, TaskStore } from './taskStore';

/** What the real DigiOffice answers for a task id it does not know is not known; the simulator lets tests choose. */
export type UnknownTaskStatus = 400 | 404 | 500;

export interface TaskContext {
  store: TaskStore;
  clock: () => number;
  unknownTaskStatus: UnknownTaskStatus;
}

/**
 * The caller's tasks for these ids, checked in the order a service would: every id must exist (else the configured
 * unknown-task answer), then every task must be assigned to the caller (else 403).
 */
export function callerTasks(ids: number[], callerId: number, ctx: TaskContext): StoredTask[] {
  const unique = [...new Set(ids)];
  const unknown = unique.filter((id) => !ctx.store.find(id));
  if (unknown.length > 0) throw unknownTask(unknown, ctx.unknownTaskStatus);
  const tasks = unique.map((id) => ctx.store.find(id) as StoredTask);
  const foreign = tasks.filter((t) => t.state.userId !== callerId).map((t) => t.seed.id);
  if (foreign.length > 0) {
    throw new SimHttpError(403, 'UnauthorizedAccessException', `Workflow task ${foreign.join(', ')} is not assigned to you.`);
  }
  return tasks;
}

function unknownTask(ids: number[], status: UnknownTaskStatus): SimHttpError {
  const list = ids.join(', ');
  switch (status) {
    case 400:
      return new SimHttpError(400, 'ArgumentException', `Workflow task ${list} does not exist.`, [
        fieldError('ArgumentException', 'TaskIDs', `Workflow task ${list} does not exist.`),
      ]);
    case 500:
      // What an unguarded .NET lookup would produce.
      return new SimHttpError(500, 'NullReferenceException', 'Object reference not set to an instance of an object.');
    case 404:
      return new SimHttpError(404, 'NotFound', `Workflow task ${list} not found.`);
  }
}

/** Finishing or deferring a finished task is refused. */
export function alreadyFinishedErrors(tasks: StoredTask[]): ResponseErrorWire[] {
  return tasks
    .filter((t) => t.state.status === 'finished')
    .map((t) => fieldError('InvalidOperationException', 'TaskIDs', `Workflow task ${t.seed.id} is already finished.`));
}

export function isBlank(text: string | null): boolean {
  return text === null || text.trim() === '';
}

/** Collects field errors once each (several tasks can fail the same rule). */
export class ErrorList {
  private readonly errors = new Map<string, ResponseErrorWire>();

  add(...errors: ResponseErrorWire[]): void {
    for (const e of errors) this.errors.set(`${e.FieldName}\n${e.Message}`, e);
  }

  get list(): ResponseErrorWire[] {
    return [...this.errors.values()];
  }
}
