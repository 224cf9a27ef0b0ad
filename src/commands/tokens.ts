/** One piece of a message: a whitespace-separated word, or a lone comma or semicolon. */
export interface Token {
  /** Lower-cased, without trailing sentence punctuation: what keywords are compared with. */
  readonly word: string;
  /** Where the piece starts and ends in the message, so free text can be cut out with its case and spacing. */
  readonly start: number;
  readonly end: number;
}

// Commas split lists of ids even without spaces ("42,43").
const PIECE = /[,;]|[^\s,;]+/g;
const TRAILING_PUNCTUATION = /[.!?:)]+$/;
const LEADING_SEPARATOR = /^(?:[,;:]+|[-–—]+(?=\s))\s*/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(PIECE)) {
    const raw = match[0];
    // "?" on its own is a word (the help command); "42." and "help!" lose their punctuation.
    const stripped = raw.replace(TRAILING_PUNCTUATION, '') || raw;
    tokens.push({ word: stripped.toLowerCase(), start: match.index, end: match.index + raw.length });
  }
  return tokens;
}

/**
 * The original text from token `index` to the end, without a leading separator ("42: approve" → "approve");
 * null when nothing is left.
 */
export function textFrom(text: string, tokens: readonly Token[], index: number): string | null {
  const token = tokens[index];
  if (!token) return null;
  const rest = text.slice(token.start).replace(LEADING_SEPARATOR, '').trim();
  return rest === '' ? null : rest;
}

/** The token as typed, without trailing sentence punctuation (for quoting it back). */
export function originalWord(text: string, token: Token): string {
  const raw = text.slice(token.start, token.end);
  return raw.replace(TRAILING_PUNCTUATION, '') || raw;
}

/** The original text of tokens `from` up to (not including) `to`. */
export function textBetween(text: string, tokens: readonly Token[], from: number, to: number): string {
  const first = tokens[from];
  const last = tokens[Math.max(from, to - 1)];
  return first && last ? text.slice(first.start, last.end) : '';
}
