import type { CardJson } from './cardChannel';
import type { CardInputs, FieldError } from './cardInputs';
import type { TaskSnapshot } from './task';
import type { Viewer } from './viewer';

/** A line across the top of a task card: information, an error, or "working…" (then the card has no buttons). */
export interface Banner {
  kind: 'info' | 'error' | 'working';
  text: string;
}

/** What a task card shows besides the task: kept inputs, errors next to them, a banner, a sign-in link. */
export interface TaskCardExtras {
  inputs?: CardInputs;
  errors?: FieldError[];
  banner?: Banner | null;
  /** When set, the card also offers a "Sign in" link (the user clicked while not signed in; inputs are kept). */
  signInUrl?: string | null;
  /** The clicked card was drawn before the task changed: the banner says what changed (nothing was posted). */
  stale?: boolean;
}

/**
 * The cards the use cases produce, as a port: the composition root binds it to the Adaptive Card renderers with the
 * deployment's DigiOffice zone and web URL, so `tasks/` decides *what* to show and `cards/` decides *how*.
 */
export interface CardViews {
  task(snapshot: TaskSnapshot, viewer: Viewer, extras?: TaskCardExtras): CardJson;
  /** The preview of a task card in the chat list and the notification ("Task 42: Approve invoice …"). */
  taskSummary(snapshot: TaskSnapshot, viewer: Viewer): string;
  taskList(snapshots: TaskSnapshot[], viewer: Viewer): CardJson;
  signIn(viewer: Viewer, url: string): CardJson;
  help(viewer: Viewer): CardJson;
}
