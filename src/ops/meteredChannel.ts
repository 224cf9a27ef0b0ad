import { DeliveryError, type CardChannel } from '../core/cardChannel';

export interface TeamsRequestObserver {
  teamsRequest(operation: string, outcome: string): void;
}

/**
 * Counts every call to Teams by outcome: `ok`, or the `DeliveryError` kind (`throttled` is a 429 or 412). Wraps the
 * channel below the rate limiter, so each retry of a throttled send counts.
 */
export function meteredChannel(inner: CardChannel, observer: TeamsRequestObserver): CardChannel {
  const metered =
    <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        observer.teamsRequest(operation, 'ok');
        return result;
      } catch (err) {
        observer.teamsRequest(operation, err instanceof DeliveryError ? err.failure : 'unexpected');
        throw err;
      }
    };
  return {
    sendCard: metered('sendCard', (reference, card) => inner.sendCard(reference, card)),
    updateCard: metered('updateCard', (reference, activityId, card) => inner.updateCard(reference, activityId, card)),
  };
}
