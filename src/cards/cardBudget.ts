import type { CardJson } from '../core/cardChannel';

/**
 * Teams refuses a message over about 28 KB ("Request entity too large"), so every card the bot sends stays within
 * 26 KiB of JSON; the rest is the activity around it.
 */
export const CARD_BUDGET_BYTES = 26 * 1024;

export function cardBytes(card: CardJson): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * The card drawn with as many of `total` items as fit the budget, most first: `render(shown)` draws the first
 * `shown`. Items that do not fit are left out (the renderer says so); with none shown the card must fit anyway.
 */
export function fitToBudget(total: number, render: (shown: number) => CardJson): CardJson {
  let shown = total;
  let card = render(shown);
  while (shown > 0 && cardBytes(card) > CARD_BUDGET_BYTES) {
    shown -= 1;
    card = render(shown);
  }
  return card;
}
