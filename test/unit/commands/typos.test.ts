import { oneSlipApart } from '../../../src/commands/typos';

describe('oneSlipApart()', () => {
  it.each([
    ['finsh', 'finish', 'a letter left out'],
    ['finissh', 'finish', 'a letter added'],
    ['finisg', 'finish', 'a letter changed'],
    ['takne', 'taken', 'two neighbours swapped'],
    ['afrnoden', 'afronden', 'two neighbours swapped in the middle'],
    ['ifnish', 'finish', 'the first two swapped'],
    ['finis', 'finish', 'the last left out'],
  ])('%j and %j: %s', (a, b) => {
    expect(oneSlipApart(a, b)).toBe(true);
    expect(oneSlipApart(b, a)).toBe(true);
  });

  it.each([
    ['finish', 'finish'],
    ['fnsh', 'finish'],
    ['hello', 'help'],
    ['tkane', 'taken'],
    ['abcd', 'dcba'],
    ['fnisih', 'finish'],
    ['', 'ab'],
  ])('%j and %j are not one slip apart', (a, b) => {
    expect(oneSlipApart(a, b)).toBe(false);
  });
});
