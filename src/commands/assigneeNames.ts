/** The people, groups or roles typed after a transition's name, and the comment after them. */
export interface TypedAssignees {
  /** As typed, in order, duplicates removed; empty when the text names no one. */
  names: string[];
  /** The comment, original case kept; null when there is none. */
  comment: string | null;
}

/** "forward to Jan", "doorsturen naar Jan", "toewijzen aan Jan". */
const TO = /^(?:to|naar|aan)\s+/i;
/** Where the names end: a colon, a line break, or the start of a quoted comment. */
const NAMES_END = /[:\n"“”„«]/;
const QUOTED = /^["“”„«]([\s\S]*?)["“”»]\s*$/;
/** Between names: a comma, semicolon, ampersand, plus, "and" or "en". */
const NAME_SEPARATOR = /\s*(?:[,;&+]|\s(?:and|en)\s)\s*/i;

/**
 * Splits the text after a transition's name into assignees and a comment, for a transition that takes assignees:
 * `to Jan de Vries`, `naar Jan, Piet en Marie: graag voor vrijdag`, `to Jan "please check"`.
 *
 * The rule: the text must start with "to", "naar" or "aan"; the names run from there to the end of the text, or to
 * the first colon, line break or quotation mark, and are separated by commas, semicolons, "&", "+", "and" or "en".
 * What follows the colon or line break is the comment; a quoted comment loses its quotation marks. Text that does
 * not start so is all comment. Since a name can have any number of words ("Jan de Vries"), a comment after names
 * needs that colon or quote: in "to Jan please check" the name is "Jan please check", which no one is called.
 */
export function splitAssignees(text: string | null): TypedAssignees {
  if (text === null) return { names: [], comment: null };
  const to = TO.exec(text);
  if (!to) return { names: [], comment: text };
  const afterTo = text.slice(to[0].length);
  const end = NAMES_END.exec(afterTo);
  const namesText = end ? afterTo.slice(0, end.index) : afterTo;
  const names = uniqueNames(namesText.split(NAME_SEPARATOR));
  if (names.length === 0) return { names: [], comment: text };
  return { names, comment: end ? commentFrom(afterTo.slice(end.index)) : null };
}

function commentFrom(text: string): string | null {
  const quoted = QUOTED.exec(text);
  const comment = quoted ? (quoted[1] ?? '') : text.replace(/^[:\n]/, '');
  const trimmed = comment.trim();
  return trimmed === '' ? null : trimmed;
}

function uniqueNames(parts: string[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of parts) {
    const name = part.trim().replace(/\s+/g, ' ');
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}
