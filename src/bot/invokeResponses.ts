import type { InvokeResponse } from 'botbuilder';
import type { CardJson } from '../core/cardChannel';

/**
 * Every invoke is answered exactly once, through these builders (Universal Actions response shapes,
 * as Teams expects them). The HTTP status is always 200; the outcome is in the body's `statusCode`: a card replaces the
 * clicked one for the user who clicked, a message is shown as text, an error as an error.
 */
export const invokeResponses = {
  card(card: CardJson): InvokeResponse {
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } };
  },
  message(text: string): InvokeResponse {
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
  },
  error(statusCode: 400 | 500, code: string, message: string): InvokeResponse {
    return { status: 200, body: { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } } };
  },
  searchResults(results: Array<{ title: string; value: string }>): InvokeResponse {
    return { status: 200, body: { type: 'application/vnd.microsoft.search.searchResponse', value: { results } } };
  },
};
