import type { StoredTransition } from '../core/task';

export interface TransitionMatch {
  transition: StoredTransition;
  /** The text after the transition's name: the comment, original case kept; null when empty. */
  comment: string | null;
}

/**
 * Finds the transition a typed command names: the longest transition name that the text starts with, compared
 * case-insensitively on whole words ("finish task 42 forward for review please check" → "Forward for review").
 */
export function matchTransition(text: string, transitions: StoredTransition[]): TransitionMatch | null {
  const words = splitWords(text);
  let best: TransitionMatch | null = null;
  let bestLength = 0;
  for (const transition of transitions) {
    const nameWords = splitWords(transition.Name).map((w) => w.word.toLowerCase());
    if (nameWords.length === 0 || nameWords.length > words.length) continue;
    const matches = nameWords.every((w, i) => normaliseWord(words[i]?.word ?? '') === normaliseWord(w));
    if (!matches || nameWords.length <= bestLength) continue;
    const last = words[nameWords.length - 1];
    const rest = last ? text.slice(last.end).trim() : '';
    best = { transition, comment: rest.length > 0 ? rest.replace(/^[:,\-–]\s*/, '') : null };
    bestLength = nameWords.length;
  }
  return best;
}

function splitWords(text: string): Array<{ word: string; end: number }> {
  const result: Array<{ word: string; end: number }> = [];
  for (const match of text.matchAll(/\S+/g)) result.push({ word: match[0], end: (match.index ?? 0) + match[0].length });
  return result;
}

/** Punctuation around a word does not count ("Sign off," matches "sign off"). */
function normaliseWord(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}
