import { dayFirst } from '../../../src/commands/dateOrder';

describe('dayFirst()', () => {
  it.each([
    ['nl-NL', true],
    ['nl-BE', true],
    ['nl', true],
    ['en-GB', true],
    ['en-AU', true],
    ['en-IE', true],
    ['de-DE', true],
    ['en-US', false],
    ['en_US', false],
    ['en', false],
    [undefined, true],
    ['', true],
    ['not a tag!', true],
    ['xx', true],
  ])('%j → %s', (tag, expected) => {
    expect(dayFirst(tag)).toBe(expected);
  });
});
