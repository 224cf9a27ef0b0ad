import type { Command } from '../../../src/commands';
import { tokenize } from '../../../src/commands/tokens';
import { correctTypos, oneSlipApart } from '../../../src/commands/typos';

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

describe('correctTypos()', () => {
  /** A sign-in code typed alone: a command, but of no language, so nothing to answer a correction in. */
  const languageless: Command = { kind: 'signInCode', language: null, code: '12345678' };

  it('offers no correction that reads as a command of no language', () => {
    const tried: string[] = [];
    const parse = (text: string) => {
      tried.push(text);
      return languageless;
    };
    expect(correctTypos('finsh task 42', tokenize('finsh task 42'), parse)).toBeNull();
    expect(tried).toEqual(['finish task 42']);
  });

  it('falls back on a correction of mixed languages, not on an earlier one of no language', () => {
    const message = 'tsak 42 afrnoden';
    const tried: string[] = [];
    const finish: Command = { kind: 'finish', language: 'en', taskIds: [42], rest: null };
    const parse = (text: string): Command => {
      tried.push(text);
      if (text === 'tsak 42 afronden') return languageless;
      return text === 'task 42 afronden' ? finish : { kind: 'unknown', text };
    };
    expect(correctTypos(message, tokenize(message), parse)).toEqual({ text: 'task 42 afronden', language: 'en' });
    expect(tried).toEqual(['tsak 42 afronden', 'task 42 afrnoden', 'taak 42 afrnoden', 'task 42 afronden', 'taak 42 afronden']);
  });
});
