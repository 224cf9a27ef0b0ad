import type { CardJson } from '../core/cardChannel';
import type { ChatChoice, ChatPins, ChatViews } from '../core/chatViews';
import type { Installation } from '../core/installation';
import type { UserKey } from '../core/userKey';
import type { Viewer } from '../core/viewer';

/**
 * What the bot says back to a typed command: text, or a card with the text Teams previews it with (its `summary`; a
 * task card also carries its task id to be tracked).
 */
export type ChatReply = { kind: 'text'; text: string } | { kind: 'card'; card: CardJson; summary: string; taskId?: number };

export interface ChatUser {
  key: UserKey;
  viewer: Viewer;
}

/** One command to answer: who sent it, as what text, and how to show that the bot is working on it. */
export interface ChatTurn {
  user: ChatUser;
  installation: Installation;
  /** The message as the user typed it (or as a button sent it): what a question's buttons send again. */
  text: string;
  /** What the buttons of earlier questions settled; empty for a typed message. */
  pins: ChatPins;
  /** Called right before the command calls DigiOffice, so the user sees that the bot is at work. */
  working(): Promise<void>;
}

export function textReply(text: string): ChatReply {
  return { kind: 'text', text };
}

/** A question with one button per choice, previewed by the question. */
export function choicesReply(views: ChatViews, viewer: Viewer, question: string, choices: ChatChoice[]): ChatReply {
  return { kind: 'card', card: views.choices(viewer, question, choices), summary: question };
}
