import { originalWord, textBetween, textFrom, tokenize } from '../../../src/commands/tokens';

describe('tokenize()', () => {
  it('splits on whitespace and commas, lower-cases and drops trailing sentence punctuation, keeping offsets', () => {
    expect(tokenize('Finish #42,43;  44.')).toEqual([
      { word: 'finish', start: 0, end: 6 },
      { word: '#42', start: 7, end: 10 },
      { word: ',', start: 10, end: 11 },
      { word: '43', start: 11, end: 13 },
      { word: ';', start: 13, end: 14 },
      { word: '44', start: 16, end: 19 },
    ]);
  });

  it('keeps a word made only of punctuation, so "?" can be a command', () => {
    expect(tokenize('? help! ... 42:').map((t) => t.word)).toEqual(['?', 'help', '...', '42']);
  });

  it('keeps dates and times in one piece', () => {
    expect(tokenize('2026-12-05 5/12/2026 14:30 14.30. dec.').map((t) => t.word)).toEqual([
      '2026-12-05',
      '5/12/2026',
      '14:30',
      '14.30',
      'dec',
    ]);
  });

  it('returns nothing for an empty message', () => {
    expect(tokenize('')).toEqual([]);
  });
});

describe('textFrom()', () => {
  const text = 'finish task 42: Approve  THIS\nplease.';
  const tokens = tokenize(text);

  it('cuts the original text from a token on, case, spacing and line breaks kept', () => {
    expect(textFrom(text, tokens, 3)).toBe('Approve  THIS\nplease.');
  });

  it('is null past the last token', () => {
    expect(textFrom(text, tokens, tokens.length)).toBeNull();
  });

  it.each([
    ['42, approve', 'approve'],
    ['42 - looks good', 'looks good'],
    ['42 — looks good', 'looks good'],
    ['42 -5% discount', '-5% discount'],
    ['42 ,', null],
  ])('drops a leading separator: %j', (input, expected) => {
    expect(textFrom(input, tokenize(input), 1)).toBe(expected);
  });
});

describe('textBetween()', () => {
  it('returns the original text of a token range', () => {
    const text = 'until 5 Dec, 2026 ok';
    expect(textBetween(text, tokenize(text), 1, 5)).toBe('5 Dec, 2026');
  });

  it('is empty when the range starts past the end', () => {
    expect(textBetween('a', tokenize('a'), 1, 2)).toBe('');
  });
});

describe('originalWord()', () => {
  it('returns the token as typed, without trailing punctuation', () => {
    const text = 'finish task ABC.';
    expect(originalWord(text, tokenize(text)[2]!)).toBe('ABC');
  });
});
