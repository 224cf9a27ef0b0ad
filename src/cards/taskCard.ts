import type { CardJson } from '../core/cardChannel';
import type { TaskCardExtras } from '../core/cardViews';
import { MAX_TEXT_LENGTH } from '../core/limits';
import type { Locale } from '../core/locale';
import type { TaskSnapshot } from '../core/task';
import { t } from '../i18n';
import { assigneePicker, bannerErrors, bodyInputs, fieldViews, formFlags, transitionRows } from './taskCardForm';
import { detailUrl, header, resultLine } from './taskCardHeader';
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
  const open = snapshot.state.kind === 'open' && !working;
  const flags = formFlags(snapshot);
  const errors = view.errors ?? [];
  const inputs = open ? (view.inputs ?? {}) : {};
  const inBannerErrors = bannerErrors(errors, bodyInputs(open, flags), locale);
  const signInUrl = view.signInUrl ?? '';
  return expand('task', {
    taskIds: [snapshot.task.ID],
    banner: {
      show: Boolean(view.banner) || inBannerErrors.length > 0 || signInUrl !== '',
      style: BANNER_STYLE[view.banner?.kind ?? 'error'],
      text: view.banner?.text ?? '',
      errors: inBannerErrors.map((message) => ({ message })),
      signInUrl,
      signInTitle: t(locale, 'card.signIn'),
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
