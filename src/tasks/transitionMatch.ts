import { STOP_WORDS } from '../commands';
import type { StoredTransition } from '../core/task';

/** Which transition a typed command names, and the comment typed after it (original case kept; null when empty). */
export type TransitionChoice =
  | { kind: 'match'; transition: StoredTransition; comment: string | null }
  /** Several transitions match equally well ("review" with "Review" and "Forward for review"…); ask which. */
  | { kind: 'ambiguous'; transitions: StoredTransition[]; comment: string | null }
  | { kind: 'none' };

interface Word {
  /** Lower case, accents and surrounding punctuation removed: what is compared. */
  key: string;
  end: number;
}

/** How well a transition's name matches the start of the text. */
interface Score {
  /** How many of the text's first words it matched. */
  words: number;
  /** Whether those words are the transition's whole name. */
  whole: boolean;
}

/**
 * Finds the transition a typed command names from the words the text starts with, compared case- and
 * accent-insensitively, whole words only: the whole name ("Forward for review"), or any run of its words ("forward",
 * "for review") that holds more than everyday words ("for", "naar": they begin a comment). More matched words win; with as many, the whole name wins over part of a longer one ("sign off"
 * is "Sign off", not "Sign off, follow up later"). Transitions still tied are `ambiguous`. The rest of the text is
 * the comment, a leading `:`/`,`/`-` removed.
 */
export function chooseTransition(text: string, transitions: readonly StoredTransition[]): TransitionChoice {
  const words = splitWords(text);
  let best: Score = { words: 0, whole: false };
  let tied: StoredTransition[] = [];
  for (const transition of transitions) {
    const score = scoreName(words, splitWords(transition.Name));
    if (score.words === 0) continue;
    const order = compare(score, best);
    if (order > 0) {
      best = score;
      tied = [transition];
    } else if (order === 0) tied.push(transition);
  }
  const [first] = tied;
  if (!first) return { kind: 'none' };
  const comment = commentAfter(text, words[best.words - 1]?.end ?? 0);
  return tied.length === 1 ? { kind: 'match', transition: first, comment } : { kind: 'ambiguous', transitions: tied, comment };
}

/**
 * The most leading text words that equal a run of the name's words, and whether that run is the whole name. A run of
 * stop words only counts when it is the whole name.
 */
function scoreName(text: readonly Word[], name: readonly Word[]): Score {
  let best: Score = { words: 0, whole: false };
  for (let from = 0; from < name.length; from += 1) {
    let length = 0;
    while (from + length < name.length && text[length]?.key === name[from + length]?.key) length += 1;
    const whole = from === 0 && length === name.length;
    const meaningful = whole || text.slice(0, length).some((word) => !STOP_WORDS.has(word.key));
    const score = meaningful ? { words: length, whole } : { words: 0, whole: false };
    if (compare(score, best) > 0) best = score;
  }
  return best;
}

function compare(a: Score, b: Score): number {
  return a.words !== b.words ? a.words - b.words : Number(a.whole) - Number(b.whole);
}

function commentAfter(text: string, end: number): string | null {
  const rest = text
    .slice(end)
    .trim()
    .replace(/^[:,;\-–—]\s*/, '');
  return rest.length > 0 ? rest : null;
}

/** Words split at spaces and slashes ("Approve/Reject"); a word that is only punctuation ("-") is dropped. */
function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/[^\s/]+/g)) {
    const key = comparable(match[0]);
    if (key !== '') words.push({ key, end: match.index + match[0].length });
  }
  return words;
}

/** "Goedkeuren," and "goedkeuren", "Géén" and "geen" compare equal. */
function comparable(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}
