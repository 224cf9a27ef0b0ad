import { SEED, type SeedUser } from './seed';
import { TaskStore, type StoredTask } from './taskStore';
import { toTransitionWire, toWorkflowTaskWire, type WorkflowTaskWire, type WorkflowTransitionWire } from './wireDto';

/**
 * The body a DigiOffice-side sender posts to the bot's `/api/notifications` (docs/admin-guide.md §8): our camelCase envelope around
 * DigiOffice objects exactly as the API writes them (PascalCase).
 */

export type TaskEvent = 'task.assigned' | 'task.updated' | 'task.closed';

export interface NotificationRecipient {
  aadObjectId?: string;
  userPrincipalName?: string;
  email?: string;
}

export interface TaskNotification {
  event: TaskEvent;
  recipient: NotificationRecipient;
  task: WorkflowTaskWire;
  /** For task.assigned / task.updated. */
  transitions?: WorkflowTransitionWire[];
  comment?: { Required: boolean };
  reason?: { Required: boolean };
  /** For task.closed, when the task was finished in the simulator. */
  closedBy?: string;
  closedAt?: string;
}

export function buildNotification(
  task: StoredTask,
  users: readonly SeedUser[],
  recipient: NotificationRecipient,
  event: TaskEvent,
): TaskNotification {
  const body: TaskNotification = { event, recipient, task: toWorkflowTaskWire(task) };
  if (event === 'task.closed') {
    const finished = task.state.finished;
    const by = finished ? users.find((u) => u.id === finished.byUserId) : undefined;
    if (finished && by) {
      body.closedBy = by.displayName;
      body.closedAt = finished.at;
    }
    return body;
  }
  body.transitions = task.seed.transitions.map(toTransitionWire);
  body.comment = { Required: task.seed.commentRequired };
  body.reason = { Required: task.seed.reasonRequired };
  return body;
}

/** The notification for a seed task in its seeded (open) state; a running simulator's method reflects its current state. */
export function notificationFor(taskId: number, recipient: NotificationRecipient, event: TaskEvent = 'task.assigned'): TaskNotification {
  const task = new TaskStore(SEED).find(taskId);
  if (!task) throw new Error(`no seed task ${taskId}`);
  return buildNotification(task, SEED.users, recipient, event);
}
