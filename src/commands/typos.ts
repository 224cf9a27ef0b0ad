import type { Locale } from '../core/locale';
import type { Command } from './command';
import { isIdLike, parseTaskIds } from './taskIds';
import { type Token } from './tokens';
import { KEYWORDS } from './vocabulary';

/** Shorter words are left alone: "to" is one slip from "tot", "my" from "mijn"… too close to mean anything. */
const MIN_LENGTH = 4;
/** Keyword positions after the ids: the verb or particle ("taak 42 afrnoden") and the date preposition ("untill"). */
const WORDS_AFTER_IDS = 2;
/** Messages without ids are whole-message commands ("mijn takne") only when this short. */
const PHRASE_WORDS = 4;
/** The ids of a task command start at the third word at the latest ("rond taak 42 af", "taak afronden 42"). */
const LAST_ID_START = 2;
/** A bound on the corrections tried for one message. */
const MAX_TRIES = 32;
const TRAILING_PUNCTUATION = /[.!?:)]+$/;

export interface Correction {
  text: string;
  language: Locale;
}

/**
 * The message with mistyped keywords corrected, when that makes it a command ("finsh task 42" → "finish task 42").
 * Only words where the grammar expects a keyword are corrected: before the task ids, the two words after them, or the
 * words of a short message without ids; free text (comments, reasons) is never touched. A word is corrected to a
 * keyword one slip away (one letter added, left out, changed, or two neighbours swapped) and the result must parse
 * as a finished command, not as unknown or invalid; corrections that agree with the command's language win.
 */
export function correctTypos(message: string, tokens: readonly Token[], parse: (text: string) => Command): Correction | null {
  const options = keywordPositions(tokens)
    .map((index) => ({ index, keywords: nearKeywords(tokens[index]?.word ?? '') }))
    .filter((option) => option.keywords.length > 0);
  if (options.length === 0) return null;
  let fallback: Correction | null = null;
  for (const choice of combinations(options).slice(0, MAX_TRIES)) {
    const text = applyChoice(message, tokens, choice);
    const command = parse(text);
    if (command.kind === 'unknown' || command.kind === 'invalid' || command.kind === 'didYouMean' || command.language === null) continue;
    const correction = { text, language: command.language };
    if (choice.every(({ keyword }) => (KEYWORDS.get(keyword) ?? command.language) === command.language)) return correction;
    fallback ??= correction;
  }
  return fallback;
}

/** Whether `a` becomes `b` by one slip: one letter added, left out or changed, or two neighbouring letters swapped. */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let same = 0;
  while (same < a.length && a[same] === b[same]) same += 1;
  if (a.length === b.length) {
    const swapped = a[same] === b[same + 1] && a[same + 1] === b[same] && a.slice(same + 2) === b.slice(same + 2);
    return swapped || a.slice(same + 1) === b.slice(same + 1);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(same + 1) === shorter.slice(same);
}

function keywordPositions(tokens: readonly Token[]): number[] {
  const firstId = tokens.findIndex((token) => isIdLike(token));
  if (firstId < 0) return tokens.length <= PHRASE_WORDS ? tokens.map((_, index) => index) : [];
  if (firstId > LAST_ID_START) return [];
  const ids = parseTaskIds(tokens, firstId);
  const afterIds = ids.kind === 'ids' || ids.kind === 'tooMany' ? ids.next : firstId + 1;
  const before = Array.from({ length: firstId }, (_, index) => index);
  const after = Array.from({ length: WORDS_AFTER_IDS }, (_, offset) => afterIds + offset).filter((index) => index < tokens.length);
  return [...before, ...after];
}

function nearKeywords(word: string): string[] {
  if (word.length < MIN_LENGTH || KEYWORDS.has(word) || isIdLike({ word, start: 0, end: 0 })) return [];
  return [...KEYWORDS.keys()].filter((keyword) => keyword.length >= MIN_LENGTH && oneSlipApart(word, keyword));
}

type Choice = Array<{ index: number; keyword: string }>;

/** Every way to correct some of the words, fewest corrections first (a word may also be right as typed). */
function combinations(options: Array<{ index: number; keywords: string[] }>): Choice[] {
  let choices: Choice[] = [[]];
  for (const option of options) {
    choices = choices.flatMap((choice) => [choice, ...option.keywords.map((keyword) => [...choice, { index: option.index, keyword }])]);
  }
  return choices.filter((choice) => choice.length > 0).sort((a, b) => a.length - b.length);
}

/** The message with the chosen words replaced, each keeping its capital and trailing punctuation. */
function applyChoice(message: string, tokens: readonly Token[], choice: Choice): string {
  let text = message;
  for (const { index, keyword } of [...choice].sort((a, b) => b.index - a.index)) {
    const token = tokens[index];
    if (!token) continue;
    const raw = message.slice(token.start, token.end);
    const typed = raw.replace(TRAILING_PUNCTUATION, '') || raw;
    const replacement = /^\p{Lu}/u.test(typed) ? keyword.charAt(0).toUpperCase() + keyword.slice(1) : keyword;
    text = text.slice(0, token.start) + replacement + text.slice(token.start + typed.length);
  }
  return text;
}
