import type { InvokeResponse } from 'botbuilder';
import type { CardJson } from '../core/cardChannel';

/** The `connectionName` of our sign-in requests: the account linking, not an OAuth connection of the Azure Bot. */
const SIGN_IN_CONNECTION_NAME = 'digioffice-account';

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
  /**
   * Teams' Universal Actions sign-in ("nominal sign-in"): Teams shows a sign-in button with the card; it opens `url` in
   * a window, and when the page hands back a code (`authentication.notifySuccess`) Teams sends the same action again
   * with `value.state` = that code. The connection name is required by the protocol; it names no OAuth connection.
   */
  loginRequest(text: string, buttonTitle: string, url: string): InvokeResponse {
    return {
      status: 200,
      body: {
        statusCode: 401,
        type: 'application/vnd.microsoft.activity.loginRequest',
        value: {
          text,
          connectionName: SIGN_IN_CONNECTION_NAME,
          buttons: [{ type: 'signin', title: buttonTitle, text: buttonTitle, value: url }],
        },
      },
    };
  },
  searchResults(results: Array<{ title: string; value: string }>): InvokeResponse {
    return { status: 200, body: { type: 'application/vnd.microsoft.search.searchResponse', value: { results } } };
  },
};
