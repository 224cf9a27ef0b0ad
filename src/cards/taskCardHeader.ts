import { isActionable, type TaskSnapshot, type TaskState } from '../core/task';
import type { Viewer } from '../core/viewer';
import { t } from '../i18n';
import { formatDue } from '../i18n/times';
import { formatInstant, parseDigiOfficeTimestamp } from './cardDates';

/** Who a card is drawn for, and when: times read in the viewer's zone, with the year when it is not this year. */
export interface CardMoment {
  viewer: Viewer;
  now: Date;
  /** IANA zone of DigiOffice's zone-less timestamps. */
  digiOfficeZone: string;
}

/**
 * The card's header: name, workflow, urgent badge and the facts (number, due date, status while open). The badge
 * says what still matters: a task no one can act on any more is not urgent.
 */
export function header(snapshot: TaskSnapshot, at: CardMoment, open: boolean) {
  const { task } = snapshot;
  const { locale } = at.viewer;
  const due = parseDigiOfficeTimestamp(task.ExpirationDate, at.digiOfficeZone);
  const facts = [{ title: t(locale, 'card.fact.task'), value: String(task.ID) }];
  if (due) facts.push({ title: t(locale, 'card.fact.due'), value: formatDue(due, at.viewer, at.now) });
  // Once the task left the open state, DigiOffice's status from the notification is stale: the result line says it.
  if (open && task.StatusDescription) facts.push({ title: t(locale, 'card.fact.status'), value: task.StatusDescription });
  return {
    title: task.Name,
    workflow: task.WorkflowDescription ?? '',
    showWorkflow: Boolean(task.WorkflowDescription),
    urgent: task.Urgent && isActionable(snapshot.state),
    facts,
  };
}

/**
 * What became of a task that is no longer open: a line with the step, who and when, and the comment they gave.
 * Empty while open.
 */
export function resultLine(state: TaskState, at: Pick<CardMoment, 'viewer' | 'now'>) {
  const line = resultParts(state, at);
  return { ...line, show: line.text !== '', showFacts: line.facts.length > 0 };
}

function resultParts(state: TaskState, at: Pick<CardMoment, 'viewer' | 'now'>) {
  const { locale } = at.viewer;
  const moment = (iso: string) => formatInstant(iso, at.viewer, at.now);
  const comment = 'comment' in state && state.comment ? [{ title: t(locale, 'card.comment.label'), value: state.comment }] : [];
  switch (state.kind) {
    case 'open':
      return { text: '', color: 'Default', facts: [] };
    case 'finished':
      return {
        text: t(locale, 'card.result.finished', { transition: state.transitionName, by: state.by, at: moment(state.at) }),
        color: 'Good',
        facts: comment,
      };
    case 'deferred':
      return { text: t(locale, 'card.result.deferred', { until: moment(state.until), by: state.by }), color: 'Accent', facts: comment };
    case 'closed': {
      const text = state.by ? t(locale, 'card.result.closedBy', { by: state.by }) : t(locale, 'card.result.closed');
      return { text: state.at ? `${text}, ${moment(state.at)}` : text, color: 'Good', facts: [] };
    }
    case 'unavailable':
      return { text: t(locale, 'card.result.unavailable'), color: 'Warning', facts: [] };
  }
}

/** DigiOffice's web URL (DIGIOFFICE_WEB_URL), read once: the origin "Open in DigiOffice" links stay on. */
export interface WebBase {
  url: URL;
  /** The URL without trailing slashes, to append a relative link to. */
  text: string;
}

/** The web URL as `detailUrl` uses it; null (no link on any card) when it is absent or not an http(s) URL. */
export function webBase(webBaseUrl: string | null): WebBase | null {
  const url = webBaseUrl ? parseHttpUrl(webBaseUrl.trim()) : null;
  return url ? { url, text: url.href.replace(/\/+$/, '') } : null;
}

/**
 * "Open in DigiOffice": the task's link, only ever on the host of the web URL. A relative link is appended to the web
 * URL; an absolute one is kept only when it points at that same origin. Anything else (another host, `//host`,
 * `javascript:`, `data:`) links to the web URL itself. No web URL, no link.
 */
export function detailUrl(base: WebBase | null, relativeLink: string | null): string {
  if (!base) return '';
  const link = (relativeLink ?? '').trim();
  if (!link) return '';
  const absolute = /^[a-z][a-z\d+.-]*:/i.test(link) || /^[/\\]{2}/.test(link);
  const target = absolute ? parseHttpUrl(link) : parseHttpUrl(`${base.text}/${link.replace(/^[/\\]+/, '')}`);
  if (!target || target.origin !== base.url.origin || target.username || target.password) return base.text;
  return target.href;
}

function parseHttpUrl(text: string): URL | null {
  const url = URL.parse(text);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : null;
}
