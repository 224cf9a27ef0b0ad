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

/**
 * "Open in DigiOffice": the task's link, only ever on the host of the web URL (DIGIOFFICE_WEB_URL). A relative link is
 * appended to the web URL; an absolute one is kept only when it points at that same origin. Anything else (another
 * host, `//host`, `javascript:`, `data:`) links to the web URL itself. No web URL, no link.
 */
export function detailUrl(webBaseUrl: string | null, relativeLink: string | null): string {
  const base = webBaseUrl ? parseHttpUrl(webBaseUrl.trim()) : null;
  if (!base) return '';
  const link = (relativeLink ?? '').trim();
  if (!link) return '';
  const baseText = base.href.replace(/\/+$/, '');
  const absolute = /^[a-z][a-z\d+.-]*:/i.test(link) || /^[/\\]{2}/.test(link);
  const target = absolute ? parseHttpUrl(link) : parseHttpUrl(`${baseText}/${link.replace(/^[/\\]+/, '')}`);
  if (!target || target.origin !== base.origin || target.username || target.password) return baseText;
  return target.href;
}

function parseHttpUrl(text: string): URL | null {
  const url = URL.parse(text);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : null;
}
