import type { CardJson } from '../core/cardChannel';
import type { TaskSnapshot } from '../core/task';
import { t } from '../i18n';
import { formatDue, formatMoment } from '../i18n/times';
import { fitToBudget } from './cardBudget';
import { parseDigiOfficeTimestamp, parseInstant } from './cardDates';
import type { CardMoment } from './taskCardHeader';
import { expand } from './templates';

/** The most tasks one list card shows; fewer when long names would not fit in a Teams message. */
export const TASK_LIST_LIMIT = 25;

export type TaskListView = CardMoment;

/**
 * "My tasks": one line per task, in the given order, each with a button that shows the task's own card. The title
 * counts every task given; those that are not shown are counted in an "and N more" line.
 */
export function renderTaskListCard(snapshots: TaskSnapshot[], view: TaskListView): CardJson {
  const { locale } = view.viewer;
  const tasks = snapshots.slice(0, TASK_LIST_LIMIT).map((snapshot) => ({
    taskIds: [snapshot.task.ID],
    name: snapshot.task.Name,
    details: details(snapshot, view),
    urgent: snapshot.task.Urgent,
  }));
  return fitToBudget(tasks.length, (shown) =>
    expand('taskList', {
      title: t(locale, 'list.title', { count: snapshots.length }),
      empty: snapshots.length === 0 ? t(locale, 'list.empty') : '',
      urgentLabel: t(locale, 'card.urgent'),
      showLabel: t(locale, 'list.show'),
      tasks: tasks.slice(0, shown),
      more: snapshots.length > shown ? t(locale, 'list.more', { count: snapshots.length - shown }) : '',
    }),
  );
}

/** "Task 42 · Due Fri 4 Dec, 17:00 · Deferred until Mon 7 Dec 08:00 · Invoice approval" */
function details(snapshot: TaskSnapshot, view: TaskListView): string {
  const due = parseDigiOfficeTimestamp(snapshot.task.ExpirationDate, view.digiOfficeZone);
  const deferredUntil = snapshot.state.kind === 'deferred' ? parseInstant(snapshot.state.until) : null;
  return [
    t(view.viewer.locale, 'list.task', { id: snapshot.task.ID }),
    due ? t(view.viewer.locale, 'list.due', { date: formatDue(due, view.viewer, view.now) }) : '',
    deferredUntil ? t(view.viewer.locale, 'list.deferred', { date: formatMoment(deferredUntil, view.viewer, view.now) }) : '',
    snapshot.task.WorkflowDescription ?? '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
}
