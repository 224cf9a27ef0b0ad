import type { Locale } from '../core/locale';
import type { TaskSnapshot, TaskState } from '../core/task';
import { t } from '../i18n';
import { formatDue, formatMoment, parseDigiOfficeTimestamp, parseInstant } from './cardDates';

export interface Zones {
  userZone: string;
  digiOfficeZone: string;
}

/** The card's header: name, workflow, urgent badge and the facts (number, due date, status while open). */
export function header(snapshot: TaskSnapshot, locale: Locale, zones: Zones, open: boolean) {
  const task = snapshot.task;
  const due = parseDigiOfficeTimestamp(task.ExpirationDate, zones.digiOfficeZone);
  const facts = [{ title: t(locale, 'card.fact.task'), value: String(task.ID) }];
  if (due) facts.push({ title: t(locale, 'card.fact.due'), value: formatDue(due, locale, zones.userZone) });
  // Once the task left the open state, DigiOffice's status from the notification is stale: the result line says it.
  if (open && task.StatusDescription) facts.push({ title: t(locale, 'card.fact.status'), value: task.StatusDescription });
  return {
    title: task.Name,
    workflow: task.WorkflowDescription ?? '',
    urgent: task.Urgent,
    urgentLabel: t(locale, 'card.urgent'),
    facts,
  };
}

/** The line that says what became of a task that is no longer open; empty while open. */
export function resultLine(state: TaskState, locale: Locale, userZone: string): { text: string; color: string } {
  const moment = (iso: string) => {
    const parsed = parseInstant(iso);
    return parsed ? formatMoment(parsed, locale, userZone) : iso;
  };
  switch (state.kind) {
    case 'open':
      return { text: '', color: 'Default' };
    case 'finished':
      return {
        text: t(locale, 'card.result.finished', { transition: state.transitionName, by: state.by, at: moment(state.at) }),
        color: 'Good',
      };
    case 'deferred':
      return { text: t(locale, 'card.result.deferred', { until: moment(state.until), by: state.by }), color: 'Accent' };
    case 'closed': {
      const text = state.by ? t(locale, 'card.result.closedBy', { by: state.by }) : t(locale, 'card.result.closed');
      return { text: state.at ? `${text}, ${moment(state.at)}` : text, color: 'Good' };
    }
    case 'unavailable':
      return { text: t(locale, 'card.result.unavailable'), color: 'Warning' };
  }
}

/** "Open in DigiOffice": the web base URL with the task's relative link appended; none without either. */
export function detailUrl(webBaseUrl: string | null, relativeLink: string | null): string {
  if (!relativeLink) return '';
  if (/^https?:\/\//i.test(relativeLink)) return relativeLink;
  if (!webBaseUrl) return '';
  return `${webBaseUrl.replace(/\/+$/, '')}/${relativeLink.replace(/^\/+/, '')}`;
}
