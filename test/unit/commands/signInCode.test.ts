import { parseCommand, type Command } from '../../../src/commands';

function parse(text: string): Command {
  return parseCommand(text, { today: '2026-11-30' });
}

describe('a sign-in code typed into the chat', () => {
  it.each([
    ['12345678', null],
    ['  01234567 ', null],
    ['1234 5678', null],
    ['1234-5678', null],
    ['12345678.', null],
    ['code 12345678', null],
    ['sign in 12345678', 'en'],
    ['Sign in: 1234 5678', 'en'],
    ['sign-in 12345678', 'en'],
    ['login code 12345678', 'en'],
    ['<at>DigiOffice Tasks</at> sign in 12345678', 'en'],
    ['aanmelden 12345678', 'nl'],
    ['Aanmelden code 1234-5678', 'nl'],
    ['inloggen 12345678', 'nl'],
  ] as const)('%j is the code, in %s', (text, language) => {
    const code = text.includes('01234567') ? '01234567' : '12345678';
    expect(parse(text)).toEqual({ kind: 'signInCode', language, code });
  });

  it.each([
    ['1234567', 'unknown'],
    ['123456789', 'unknown'],
    ['123 45678', 'unknown'],
    ['12 34 56 78', 'unknown'],
    ['sign out 12345678', 'unknown'],
    ['my code is 12345678', 'unknown'],
    ['finish task 12345678', 'finish'],
    ['taak 12345678 afronden', 'finish'],
    ['sign in', 'signIn'],
    ['aanmelden', 'signIn'],
  ] as const)('%j is not a code (%s)', (text, kind) => {
    expect(parse(text).kind).toBe(kind);
  });

  it('corrects a mistyped sign-in word before a code', () => {
    expect(parse('sigin 12345678')).toEqual({ kind: 'didYouMean', language: 'en', text: 'signin 12345678' });
  });
});
