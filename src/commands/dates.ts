import type { DeferUntil } from './command';
import { readDatePhrase, type DateReading } from './chronoDates';

export type { DateReading } from './chronoDates';

export type DeferDateResult =
  /** `text` is the date phrase as typed; `reason` is what follows it, without a leading separator, or null. */
  | { kind: 'date'; until: DeferUntil; text: string; reason: string | null }
  /** The text does not start with anything read as a date. */
  | { kind: 'none' }
  /** Date-like but not understood; `text` is the part to quote back to the user. */
  | { kind: 'bad'; text: string };

/** A separator the user may put between the date and the reason: `:`, `,`, `;`, a spaced dash, or sentence end. */
const SEPARATOR = /^\s*(?:[:;,.!?]+|\s[-–—]+(?=\s))\s*/;
const WORD = /^\s*(\S+)/;
/** A number and the word after it, which may be a month name. */
const DAY_AND_WORD = /^(\d{1,2})\s+\p{L}+/u;
/** A word that can only be more of a date or a time: it starts with a digit ("9", "25:00", "9:00u", "3e"). */
const NUMBER_WORD = /^\d/;
/** "at"/"om" followed by a number is a time ("at 14:60"); "at the latest" is a reason. */
const CLOCK_PREPOSITION = /^(?:at|om)$/i;
/** How many words of a phrase that was not understood are quoted back. */
const QUOTED_WORDS = 3;

/**
 * Reads the deferral date at the start of `text` (which starts where the date should) and splits off the reason.
 *
 * Where the date ends: the date phrase is the longest prefix chrono reads as a date or time (English or Dutch).
 * Everything after it is the reason, unless the reason would start with more date or time: a word starting with a
 * digit ("friday 25:00", "tomorrow 9:00u"), "at"/"om" and a number, or another date phrase ("friday monday"). Then
 * the date was not understood and is asked back, quoted, rather than folded into the reason. A separator (`:`, `,`,
 * `;`, ` - `) after the date ends it for sure: `tomorrow: 2 invoices missing` has the reason "2 invoices missing".
 */
export function readDeferDate(text: string, reading: DateReading): DeferDateResult {
  const phrase = readDatePhrase(text, reading);
  if (!phrase) return { kind: 'none' };
  const rest = text.slice(phrase.end);
  const dated = (reason: string): DeferDateResult => ({
    kind: 'date',
    until: { date: phrase.date, time: phrase.time },
    text: text.slice(0, phrase.end),
    reason: reason.trim() === '' ? null : reason.trim(),
  });
  const separator = SEPARATOR.exec(rest);
  if (rest.trim() === '' || separator) return dated(rest.slice(separator?.[0].length ?? 0));
  const moreDate = moreDateLength(rest, reading);
  return moreDate === null ? dated(rest) : { kind: 'bad', text: text.slice(0, phrase.end + moreDate).trim() };
}

/**
 * Whether `text` starts with a day of the month and a month name ("5 dec", "13 december 2027"): after a task id,
 * such a number is the day the deferral runs until, not another id ("defer tasks 42 43 5 dec"). Nothing else makes
 * a number after an id a date: "13 until 14 dec", "13 tomorrow" (13:00) and "9 uur" leave 13 and 9 task ids.
 */
export function startsWithDayOfMonth(text: string, reading: DateReading): boolean {
  const dayAndWord = DAY_AND_WORD.exec(text);
  if (!dayAndWord) return false;
  const phrase = readDatePhrase(dayAndWord[0], reading);
  return (
    phrase !== null && phrase.end === dayAndWord[0].length && phrase.time === null && Number(phrase.date.slice(8)) === Number(dayAndWord[1])
  );
}

/** The words of a phrase that was not read as a date, to quote back: up to a separator, at most a few words. */
export function unreadDate(text: string): string {
  const upToSeparator = text.split(/[:;,\n]|\s[-–—]+\s/)[0] ?? '';
  const words = upToSeparator.trim().split(/\s+/);
  const quoted = words.slice(0, QUOTED_WORDS).join(' ');
  return words.length > QUOTED_WORDS ? `${quoted}…` : quoted;
}

/**
 * How much of `rest` (what follows a date phrase) is more date or time, so the whole was not understood; null when
 * `rest` is free text. A phrase glued to the date ("9:00u" after "morgen 9:00") counts as more date.
 */
function moreDateLength(rest: string, reading: DateReading): number | null {
  if (!/^\s/.test(rest)) return /^\S*/.exec(rest)?.[0].length ?? 0;
  const first = WORD.exec(rest);
  if (!first?.[1]) return null;
  if (NUMBER_WORD.test(first[1])) return first[0].length;
  if (CLOCK_PREPOSITION.test(first[1])) {
    const second = WORD.exec(rest.slice(first[0].length));
    if (second?.[1] && NUMBER_WORD.test(second[1])) return first[0].length + second[0].length;
  }
  const leading = rest.length - rest.trimStart().length;
  const another = readDatePhrase(rest.trimStart(), reading);
  return another ? leading + another.end : null;
}
