import type { Banner } from '../core/cardViews';
import type { Locale } from '../core/locale';
import { isActionable, type TaskSnapshot, type UnknownOutcome } from '../core/task';
import { t } from '../i18n';
import { formatInstant } from './cardDates';
import type { CardMoment } from './taskCardHeader';

export interface NoticeView extends Pick<CardMoment, 'viewer' | 'now'> {
  /** The click came from a card drawn before the task changed. */
  stale: boolean;
}

/** The "Try again" button of a card whose last attempt has an unknown outcome (cards/task.json, in the banner). */
export interface RetryAction {
  show: boolean;
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

const NO_RETRY: RetryAction = { show: false, title: '', verb: '', data: {} };

/**
 * What the card says about the task beyond its fields, when the caller gave no banner of its own: that it changed
 * since the clicked card was drawn (and how), or that the last finish/deferral has an unknown outcome — then with a
 * button to try it again with what was typed.
 */
export function taskNotice(snapshot: TaskSnapshot, view: NoticeView): { banner: Banner | null; retry: RetryAction } {
  if (view.stale) return { banner: { kind: 'info', text: staleText(snapshot, view) }, retry: NO_RETRY };
  const unknown = snapshot.unknownOutcome;
  if (!unknown || !isActionable(snapshot.state)) return { banner: null, retry: NO_RETRY };
  return { banner: { kind: 'error', text: unknownText(unknown, view) }, retry: retryAction(snapshot, unknown, view.viewer.locale) };
}

function unknownText(unknown: UnknownOutcome, view: NoticeView): string {
  const at = moment(unknown.at, view);
  if (unknown.attempt.kind === 'finish')
    return t(view.viewer.locale, 'card.unknown.finish', { transition: unknown.attempt.transitionName, at });
  return t(view.viewer.locale, 'card.unknown.defer', { until: moment(unknown.attempt.until, view), at });
}

/** The attempt again, from this card's revision; the inputs the card shows (kept from the attempt) come along with it. */
function retryAction(snapshot: TaskSnapshot, unknown: UnknownOutcome, locale: Locale): RetryAction {
  const common = { taskIds: [snapshot.task.ID], rev: snapshot.revision };
  const title = t(locale, 'card.retry');
  if (unknown.attempt.kind === 'finish') {
    return { show: true, title, verb: 'task.finish', data: { ...common, transitionId: unknown.attempt.transitionId } };
  }
  // The deferral's date inputs sit in the "Defer" sub-card, which a button outside it does not send: they go along here.
  const { deferToDate = '', deferToTime = '' } = unknown.inputs;
  return { show: true, title, verb: 'task.defer', data: { ...common, deferToDate, deferToTime } };
}

function staleText(snapshot: TaskSnapshot, view: NoticeView): string {
  const { locale } = view.viewer;
  const state = snapshot.state;
  switch (state.kind) {
    case 'open':
      return t(locale, 'card.stale.updated');
    case 'deferred':
      return t(locale, 'card.stale.deferred', { by: state.by, until: moment(state.until, view) });
    case 'finished':
      return t(locale, 'card.stale.finished', { by: state.by, transition: state.transitionName });
    case 'closed':
      return t(locale, 'card.stale.closed');
    case 'unavailable':
      return t(locale, 'card.stale.unavailable');
  }
}

function moment(iso: string, view: NoticeView): string {
  return formatInstant(iso, view.viewer, view.now);
}
