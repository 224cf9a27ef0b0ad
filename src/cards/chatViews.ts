import type { ChatViews } from '../core/chatViews';
import type { Clock } from '../core/clock';
import { formatInstant } from './cardDates';
import { renderChoicesCard } from './chatChoicesCard';

/** The chat's port bound to the Adaptive Card renderers and the one time format of cards, lists and replies. */
export function bindChatViews(clock: Clock): ChatViews {
  return {
    choices: (viewer, question, choices) => renderChoicesCard(viewer.locale, question, choices),
    moment: (instant, viewer) => formatInstant(instant, viewer, clock.now()),
  };
}
