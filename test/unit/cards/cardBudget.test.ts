import { CARD_BUDGET_BYTES, cardBytes, fitToBudget } from '../../../src/cards/cardBudget';

/** A card with `shown` blocks of `size` characters each. */
const blocks = (shown: number, size: number) => ({ type: 'AdaptiveCard', body: Array.from({ length: shown }, () => 'x'.repeat(size)) });

describe('fitToBudget', () => {
  it('draws every item when they fit', () => {
    const drawn: number[] = [];
    const card = fitToBudget(10, (shown) => (drawn.push(shown), blocks(shown, 100)));
    expect([card, drawn]).toEqual([blocks(10, 100), [10]]);
  });

  it('draws the most items that fit the budget', () => {
    const card = fitToBudget(10, (shown) => blocks(shown, 5000));
    expect(card).toEqual(blocks(5, 5000));
    expect(cardBytes(blocks(5, 5000))).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cardBytes(blocks(6, 5000))).toBeGreaterThan(CARD_BUDGET_BYTES);
  });

  it('draws none when not even one fits', () => {
    expect(fitToBudget(3, (shown) => blocks(shown, CARD_BUDGET_BYTES))).toEqual(blocks(0, 0));
  });
});
