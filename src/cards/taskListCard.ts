import type { CardJson } from '../core/cardChannel';
import type { Locale } from '../core/locale';
import type { TaskSnapshot } from '../core/task';
import { t } from '../i18n';
import { fitToBudget } from './cardBudget';
import { formatDue, formatMoment, parseDigiOfficeTimestamp, parseInstant } from './cardDates';
import { expand } from './templates';

/** The most tasks one list card shows; fewer when long names would not fit in a Teams message. */
export const TASK_LIST_LIMIT = 25;

export interface TaskListView {
  locale: Locale;
  userZone: string;
  digiOfficeZone: string;
}

/**
 * "My tasks": one line per task, in the given order, each with a button that shows the task's own card. The title
 * counts every task given; those that are not shown are counted in an "and N more" line.
 */
export function renderTaskListCard(snapshots: TaskSnapshot[], view: TaskListView): CardJson {
  const { locale } = view;
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
    t(view.locale, 'list.task', { id: snapshot.task.ID }),
    due ? t(view.locale, 'list.due', { date: formatDue(due, view.locale, view.userZone) }) : '',
    deferredUntil ? t(view.locale, 'list.deferred', { date: formatMoment(deferredUntil, view.locale, view.userZone) }) : '',
    snapshot.task.WorkflowDescription ?? '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
}
