import type { CardJson } from '../core/cardChannel';
import type { TaskCardExtras } from '../core/cardViews';
import { MAX_TEXT_LENGTH } from '../core/limits';
import type { Locale } from '../core/locale';
import { isActionable, type TaskSnapshot } from '../core/task';
import { t } from '../i18n';
import { assigneePicker, bannerErrors, bodyInputs, fieldViews, formFlags, transitionRows } from './taskCardForm';
import { detailUrl, header, resultLine } from './taskCardHeader';
import { taskNotice } from './taskNotices';
import { expand } from './templates';

export interface TaskCardView extends TaskCardExtras {
  locale: Locale;
  userZone: string;
  digiOfficeZone: string;
  webBaseUrl: string | null;
}

const BANNER_STYLE = { info: 'accent', error: 'attention', working: 'emphasis' } as const;

/**
 * The task card (template cards/task.json). Open: the form and one button per transition. Working (DigiOffice is slow): no
 * buttons at all, so nothing can be clicked twice. Finished, deferred, closed or unavailable: a result line and
 * only the link to DigiOffice.
 */
export function renderTaskCard(snapshot: TaskSnapshot, view: TaskCardView): CardJson {
  const { locale } = view;
  const working = view.banner?.kind === 'working';
  // A deferred task is still open in DigiOffice: it keeps its form and buttons.
  const open = isActionable(snapshot.state) && !working;
  const flags = formFlags(snapshot);
  const errors = view.errors ?? [];
  const inputs = open ? (view.inputs ?? snapshot.unknownOutcome?.inputs ?? {}) : {};
  const inBannerErrors = bannerErrors(errors, bodyInputs(open, flags), locale);
  const signInUrl = view.signInUrl ?? '';
  const notice = taskNotice(snapshot, { locale, userZone: view.userZone, stale: view.stale ?? false });
  const banner = view.banner ?? notice.banner;
  return expand('task', {
    taskIds: [snapshot.task.ID],
    rev: snapshot.revision,
    banner: {
      show: Boolean(banner) || inBannerErrors.length > 0 || signInUrl !== '',
      style: BANNER_STYLE[banner?.kind ?? 'error'],
      text: banner?.text ?? '',
      errors: inBannerErrors.map((message) => ({ message })),
      signInUrl,
      signInTitle: t(locale, 'card.signIn'),
      retry: open && !view.banner ? notice.retry : { ...notice.retry, show: false },
    },
    header: header(snapshot, locale, view, open),
    result: resultLine(snapshot.state, locale, view.userZone),
    open,
    fields: fieldViews(snapshot, locale, inputs, open ? errors : []),
    maxTextLength: MAX_TEXT_LENGTH,
    assignees: { show: open && flags.assignees, ...assigneePicker(snapshot, locale, inputs.assignees) },
    deferUntil: { show: open && flags.deferUntil },
    transitionRows: open ? transitionRows(snapshot.transitions) : [],
    defer: { title: t(locale, 'card.defer.action'), submitTitle: t(locale, 'card.defer.submit') },
    openLink: { title: t(locale, 'card.open'), url: working ? '' : detailUrl(view.webBaseUrl, snapshot.task.RelativeDetailLink) },
  });
}
