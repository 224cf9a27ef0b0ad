import type { Clock } from '../core/clock';
import type { CardViews } from '../core/cardViews';
import { t } from '../i18n';
import { renderHelpCard } from './helpCard';
import { renderSignInCard } from './signInCard';
import { renderTaskCard } from './taskCard';
import { webBase } from './taskCardHeader';
import { renderTaskListCard } from './taskListCard';

export interface CardDeployment {
  /** IANA zone of DigiOffice's zone-less timestamps. */
  digiOfficeZone: string;
  /** DigiOffice's web UI, for "Open in DigiOffice"; null hides the link. */
  webBaseUrl: string | null;
  /** What "this year" is, for dates that show their year only when it is another. */
  clock: Clock;
}

/** The `tasks/` port bound to the Adaptive Card renderers with this deployment's settings. */
export function bindCardViews(deployment: CardDeployment): CardViews {
  const { digiOfficeZone, clock } = deployment;
  const base = webBase(deployment.webBaseUrl);
  return {
    task: (snapshot, viewer, extras = {}) =>
      renderTaskCard(snapshot, { viewer, now: clock.now(), digiOfficeZone, webBase: base, ...extras }),
    taskSummary: (snapshot, viewer) => t(viewer.locale, 'card.summary', { id: snapshot.task.ID, name: snapshot.task.Name }),
    taskList: (snapshots, viewer) => renderTaskListCard(snapshots, { viewer, now: clock.now(), digiOfficeZone }),
    signIn: (viewer, url) => renderSignInCard(viewer.locale, url),
    help: (viewer) => renderHelpCard(viewer.locale),
  };
}
