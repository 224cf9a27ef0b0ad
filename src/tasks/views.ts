import type { CardJson } from './ports';
import type { CardInputs, FieldError, Locale, TaskSnapshot } from './model';

/** Who looks at a card: their language and IANA time zone. */
export interface Viewer {
  locale: Locale;
  timezone: string;
}

export interface TaskCardExtras {
  inputs?: CardInputs;
  errors?: FieldError[];
  banner?: { kind: 'info' | 'error' | 'working'; text: string } | null;
  signInUrl?: string | null;
}

/**
 * The cards the use cases produce, as a port: the composition root binds it to the Adaptive Card renderers with the
 * deployment's DigiOffice zone and web URL, so `tasks/` decides *what* to show and `cards/` decides *how*.
 */
export interface CardViews {
  task(snapshot: TaskSnapshot, viewer: Viewer, extras?: TaskCardExtras): CardJson;
  taskList(snapshots: TaskSnapshot[], viewer: Viewer): CardJson;
  signIn(viewer: Viewer, url: string): CardJson;
  help(viewer: Viewer): CardJson;
}
