import type { CardJson } from '../core/cardChannel';
import { INPUT_IDS, type InputId } from '../core/cardInputs';
import type { TaskCardExtras } from '../core/cardViews';
import { MAX_TEXT_LENGTH } from '../core/limits';
import type { Locale } from '../core/locale';
import { isActionable, type TaskSnapshot } from '../core/task';
import { t } from '../i18n';
import { INPUT_LABELS } from '../i18n/inputErrorText';
import { assigneePicker, bannerErrors, bodyInputs, deferUntilPart, fieldViews, formFlags, transitionRows } from './taskCardForm';
import { detailUrl, header, resultLine, type CardMoment, type WebBase } from './taskCardHeader';
import { taskNotice } from './taskNotices';
import type { KnownValues } from './templateFolding';
import { preparedTemplate, type FixedValues } from './templates';

export interface TaskCardView extends TaskCardExtras, CardMoment {
  webBase: WebBase | null;
}

const BANNER_STYLE = { info: 'accent', error: 'attention', working: 'emphasis' } as const;

/** The task card's texts that depend only on the language, and its limits: `${fixed.…}` in cards/task.json. */
function taskCardFixed(locale: Locale): FixedValues {
  const label = (id: InputId) => t(locale, INPUT_LABELS[id]);
  return {
    urgent: t(locale, 'card.urgent'),
    signIn: t(locale, 'card.signIn'),
    commentLabel: label('comment'),
    commentPlaceholder: t(locale, 'card.comment.placeholder'),
    commentRequired: t(locale, 'card.comment.required'),
    reasonLabel: label('reason'),
    reasonPlaceholder: t(locale, 'card.reason.placeholder'),
    reasonRequired: t(locale, 'card.reason.required'),
    assigneesLabel: label('assignees'),
    assigneesPlaceholder: t(locale, 'card.assignees.placeholder'),
    deferUntilDateLabel: label('deferUntilDate'),
    deferUntilTimeLabel: label('deferUntilTime'),
    deferralNoteLabel: label('deferralNote'),
    deferToDateLabel: label('deferToDate'),
    deferToDateRequired: t(locale, 'card.deferTo.required'),
    deferToTimeLabel: label('deferToTime'),
    defer: t(locale, 'card.defer.action'),
    deferSubmit: t(locale, 'card.defer.submit'),
    open: t(locale, 'card.open'),
    maxTextLength: MAX_TEXT_LENGTH,
  };
}

/**
 * The card most often drawn: a task open for the viewer as it was delivered — no banner, no errors, nothing typed
 * kept — and refreshed automatically. Its version of the template has these decided at load.
 */
const PLAIN_OPEN_CARD: KnownValues = {
  open: true,
  'result.show': false,
  'result.showFacts': false,
  'banner.show': false,
  'refresh.show': true,
  ...Object.fromEntries(INPUT_IDS.map((id) => [`fields.${id}.showError`, false])),
  ...Object.fromEntries(INPUT_IDS.map((id) => [`fields.${id}.value`, ''])),
};

const expandTaskCard = preparedTemplate('task', taskCardFixed, [PLAIN_OPEN_CARD]);

/**
 * The task card (template cards/task.json). Open: the form and one button per transition. Working (DigiOffice is slow): no
 * buttons at all, so nothing can be clicked twice. Finished, deferred, closed or unavailable: a result line and
 * only the link to DigiOffice.
 */
export function renderTaskCard(snapshot: TaskSnapshot, view: TaskCardView): CardJson {
  const { locale } = view.viewer;
  const working = view.banner?.kind === 'working';
  // A deferred task is still open in DigiOffice: it keeps its form and buttons.
  const open = isActionable(snapshot.state) && !working;
  const flags = formFlags(snapshot);
  const errors = view.errors ?? [];
  const inputs = open ? (view.inputs ?? snapshot.unknownOutcome?.inputs ?? {}) : {};
  const inBody = bodyInputs(open, flags);
  const picker = assigneePicker(snapshot, locale, inputs.assignees);
  const deferUntil = deferUntilPart(snapshot, locale);
  const openUrl = working ? '' : detailUrl(view.webBase, snapshot.task.RelativeDetailLink);
  const taskIds = [snapshot.task.ID];
  // Every `$when` of cards/task.json reads a boolean made here: a comparison in the template costs twice as much. The
  // engine finds each name by comparing it with the object's names in order: the most read come first.
  return expandTaskCard(locale, {
    fields: fieldViews(snapshot, locale, inputs, open ? errors : [], inBody),
    assignees: { show: open && flags.assignees, showHint: open && flags.assignees && picker.hint !== '', ...picker },
    deferUntil: { show: open && flags.deferUntil, showHeading: open && flags.deferUntil && deferUntil.heading !== '', ...deferUntil },
    header: header(snapshot, view, open),
    open,
    result: resultLine(snapshot.state, view),
    refresh: refreshFor(snapshot, view),
    taskIds,
    banner: bannerPart(snapshot, view, open, bannerErrors(errors, inBody, locale)),
    transitionRows: open ? transitionRows(snapshot) : [],
    deferData: { taskIds, rev: snapshot.revision },
    openLink: { show: openUrl !== '', url: openUrl },
  });
}

/** The banner over the card: the caller's or the task's notice, errors without an input on the card, the sign-in link. */
function bannerPart(snapshot: TaskSnapshot, view: TaskCardView, open: boolean, errors: string[]) {
  const signInUrl = view.signInUrl ?? '';
  const notice = taskNotice(snapshot, { viewer: view.viewer, now: view.now, stale: view.stale ?? false });
  const banner = view.banner ?? notice.banner;
  return {
    show: Boolean(banner) || errors.length > 0 || signInUrl !== '',
    style: BANNER_STYLE[banner?.kind ?? 'error'],
    text: banner?.text ?? '',
    showText: Boolean(banner?.text),
    errors: errors.map((message) => ({ message })),
    signInUrl,
    showSignIn: signInUrl !== '',
    retry: open && !view.banner ? notice.retry : { ...notice.retry, show: false },
  };
}

/**
 * Universal Actions' automatic refresh, for the viewer only (`userIds`): when Teams shows the card again it asks the bot
 * for the task's current card (`task.refresh`), so a card opened later shows what happened meanwhile. Left out where
 * nothing can change any more (finished, or closed elsewhere: a new assignment brings a new card), while DigiOffice
 * is still answering (the stored state would bring the buttons back), and on a card that holds the viewer's own
 * inputs and errors, which a refresh to the stored state would wipe.
 */
function refreshFor(snapshot: TaskSnapshot, view: TaskCardView) {
  const settled = snapshot.state.kind === 'finished' || snapshot.state.kind === 'closed';
  const userId = view.viewer.teamsUserId;
  const show = userId !== null && !settled && !view.banner && (view.errors ?? []).length === 0;
  return { show, userIds: userId !== null ? [userId] : [] };
}
