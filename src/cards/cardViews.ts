import type { CardViews } from '../core/cardViews';
import { renderHelpCard } from './helpCard';
import { renderSignInCard } from './signInCard';
import { renderTaskCard } from './taskCard';
import { renderTaskListCard } from './taskListCard';

export interface CardDeployment {
  /** IANA zone of DigiOffice's zone-less timestamps. */
  digiOfficeZone: string;
  /** DigiOffice's web UI, for "Open in DigiOffice"; null hides the link. */
  webBaseUrl: string | null;
}

/** The `tasks/` port bound to the Adaptive Card renderers with this deployment's settings. */
export function bindCardViews(deployment: CardDeployment): CardViews {
  const { digiOfficeZone, webBaseUrl } = deployment;
  return {
    task: (snapshot, viewer, extras = {}) =>
      renderTaskCard(snapshot, { locale: viewer.locale, userZone: viewer.timezone, digiOfficeZone, webBaseUrl, ...extras }),
    taskList: (snapshots, viewer) => renderTaskListCard(snapshots, { locale: viewer.locale, userZone: viewer.timezone, digiOfficeZone }),
    signIn: (viewer, url) => renderSignInCard(viewer.locale, url),
    help: (viewer) => renderHelpCard(viewer.locale),
  };
}
