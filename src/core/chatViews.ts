import type { CardJson } from './cardChannel';
import type { Viewer } from './viewer';

/** What earlier choice buttons settled for a chat command, so that running it again does not ask again. */
export interface ChatPins {
  /** The step picked among several that matched the typed words equally well, by name. */
  step?: string;
  /** Typed names already settled, each with its DigiOffice assignee value (`user:14`, `group:3`). */
  assignees?: Record<string, string>;
}

/** A chat command a button runs as the user who clicks it: the message as typed, with what was settled. */
export interface ChatRun extends ChatPins {
  text: string;
}

/** One button of a chat question. */
export interface ChatChoice {
  title: string;
  run: ChatRun;
}

/**
 * What the chat shows besides task cards, as a port: the composition root binds it to the Adaptive Card renderers, so
 * `tasks/` decides what to ask and `cards/` how it looks.
 */
export interface ChatViews {
  /** A question with one button per choice; more choices than fit in a Teams message are left out. */
  choices(viewer: Viewer, question: string, choices: ChatChoice[]): CardJson;
  /** An instant (ISO) as the task cards show it to this viewer. */
  moment(instant: string, viewer: Viewer): string;
}
