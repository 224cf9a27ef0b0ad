import type { CardJson } from '../core/cardChannel';
import type { TaskSnapshot } from '../core/task';
import { t } from '../i18n';
import { formatDue } from '../i18n/times';
import { parseDigiOfficeTimestamp } from './cardDates';
import type { CardMoment } from './taskCardHeader';
import { expand } from './templates';

/** The most tasks one list card shows (about 0.8 KB each against Teams' 28 KB message limit). */
export const TASK_LIST_LIMIT = 25;

export type TaskListView = CardMoment;

/** "My tasks": one line per task, in the given order, each with a button that shows the task's own card. */
export function renderTaskListCard(snapshots: TaskSnapshot[], view: TaskListView): CardJson {
  const { locale } = view.viewer;
  const shown = snapshots.slice(0, TASK_LIST_LIMIT);
  return expand('taskList', {
    title: t(locale, 'list.title', { count: snapshots.length }),
    empty: snapshots.length === 0 ? t(locale, 'list.empty') : '',
    urgentLabel: t(locale, 'card.urgent'),
    showLabel: t(locale, 'list.show'),
    tasks: shown.map((snapshot) => ({
      taskIds: [snapshot.task.ID],
      name: snapshot.task.Name,
      details: details(snapshot, view),
      urgent: snapshot.task.Urgent,
    })),
    more: snapshots.length > shown.length ? t(locale, 'list.more', { count: snapshots.length - shown.length }) : '',
  });
}

/** "Task 42 · Due Fri 4 Dec, 17:00 · Invoice approval" */
function details(snapshot: TaskSnapshot, view: TaskListView): string {
  const due = parseDigiOfficeTimestamp(snapshot.task.ExpirationDate, view.digiOfficeZone);
  return [
    t(view.viewer.locale, 'list.task', { id: snapshot.task.ID }),
    due ? t(view.viewer.locale, 'list.due', { date: formatDue(due, view.viewer, view.now) }) : '',
    snapshot.task.WorkflowDescription ?? '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
}
