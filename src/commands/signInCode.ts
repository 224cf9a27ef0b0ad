import { SIGN_IN_CODE_DIGITS } from '../core/limits';
import type { Locale } from '../core/locale';
import type { Token } from './tokens';
import { PHRASES } from './vocabulary';

const HALF = SIGN_IN_CODE_DIGITS / 2;
const WHOLE_CODE = new RegExp(`^(\\d{${HALF}})[-–]?(\\d{${HALF}})$`);
const HALF_CODE = new RegExp(`^\\d{${HALF}}$`);

/**
 * The one-time code of a sign-in, typed into the chat: the digits alone (`12345678`, `1234 5678`, `1234-5678`), or
 * after a sign-in phrase (`sign in 12345678`, `aanmelden 1234 5678`), optionally followed by "code". `language` is the
 * phrase's language; null when only the digits were typed. Null when the message is not a code.
 */
export function readSignInCode(tokens: readonly Token[]): { code: string; language: Locale | null } | null {
  const digits = codeAtEnd(tokens);
  if (!digits) return null;
  const words = tokens.slice(0, digits.start).map((token) => token.word);
  if (words[words.length - 1] === 'code') words.pop();
  if (words.length === 0) return { code: digits.code, language: null };
  const phrase = PHRASES.get(words.join(' '));
  return phrase?.command === 'signIn' ? { code: digits.code, language: phrase.language } : null;
}

/** The code the message ends with, as one token or two halves, and where it starts. */
function codeAtEnd(tokens: readonly Token[]): { code: string; start: number } | null {
  const last = tokens[tokens.length - 1]?.word ?? '';
  const whole = WHOLE_CODE.exec(last);
  if (whole) return { code: `${whole[1]}${whole[2]}`, start: tokens.length - 1 };
  const first = tokens[tokens.length - 2]?.word ?? '';
  if (tokens.length >= 2 && HALF_CODE.test(first) && HALF_CODE.test(last)) return { code: `${first}${last}`, start: tokens.length - 2 };
  return null;
}
