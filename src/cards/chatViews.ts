import type { ChatViews } from '../core/chatViews';
import { formatMoment, parseInstant } from './cardDates';
import { renderChoicesCard } from './chatChoicesCard';

/** The chat's port bound to the Adaptive Card renderers and the cards' date format. */
export function bindChatViews(): ChatViews {
  return {
    choices: (viewer, question, choices) => renderChoicesCard(viewer.locale, question, choices),
    moment: (instant, viewer) => {
      const moment = parseInstant(instant);
      return moment ? formatMoment(moment, viewer.locale, viewer.timezone) : instant;
    },
  };
}
