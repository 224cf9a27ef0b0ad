import type { ParsedResult, Parser, ParsingContext, Refiner } from 'chrono-node';
// The two locales by their own entry points: chrono-node's main entry loads every language it has (266 modules).
import * as en from 'chrono-node/en';
import { Chrono } from 'chrono-node/en';
import * as nl from 'chrono-node/nl';
import { DateTime } from 'luxon';
import type { Locale } from '../core/locale';

/** A date phrase read from the start of a text: the calendar day, the wall-clock time if one was given, and its end. */
export interface DatePhrase {
  /** The index in the text just after the phrase (the phrase always starts at 0). */
  end: number;
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:mm`, or null when the phrase names only a day. */
  time: string | null;
}

/** What a phrase is read against. */
export interface DateReading {
  /** The user's wall clock, as a UTC-zoned luxon date whose fields are the user's local date and time. */
  now: DateTime;
  /** Whether `now` carries the real time of day; without it, clock-relative phrases ("in 3 hours") are refused. */
  clockKnown: boolean;
  /** Numeric dates day first (`5/12` = 5 December) or month first (`12/5`), from the user's locale. */
  dayFirst: boolean;
  /** The language of the command's keywords, tried first; the other language is tried too. */
  language: Locale;
}

/** "coming friday", "aanstaande vrijdag", "komende vrijdag": chrono reads only the weekday; the word adds nothing. */
const COMING = /^(?:coming|aanstaande|komende)\s+$/i;
/** A phrase that names its week ("volgende week dinsdag", "friday next week") keeps chrono's reading of the weekday. */
const NAMES_A_WEEK = /\bweek\b/i;
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/;
/** How much of the text chrono reads; no date phrase is longer. */
const WINDOW = 100;

/**
 * Reads the date phrase at the very start of `text` with chrono, English and Dutch, and returns the longest one.
 * Null when no phrase starts at 0, or when the phrase is too vague for a deferral (a month on its own).
 */
export function readDatePhrase(text: string, reading: DateReading): DatePhrase | null {
  // Only the start can hold the phrase; a long reason after it would only make chrono slow.
  const start = text.length <= WINDOW ? text : text.slice(0, WINDOW).replace(/\S*$/, '');
  let best: DatePhrase | null = null;
  for (const language of reading.language === 'nl' ? (['nl', 'en'] as const) : (['en', 'nl'] as const)) {
    const chrono = PARSERS[language][reading.dayFirst ? 'dayFirst' : 'monthFirst'];
    const results = chrono.parse(start, { instant: reading.now.toJSDate(), timezone: 0 }, { forwardDate: true });
    const phrase = phraseAtStart(start, results, reading);
    if (phrase && (!best || phrase.end > best.end)) best = phrase;
  }
  return best;
}

function phraseAtStart(text: string, results: ParsedResult[], reading: DateReading): DatePhrase | null {
  const first = results[0];
  if (!first) return null;
  const startsHere = first.index === 0 || (COMING.test(text.slice(0, first.index)) && first.start.isCertain('weekday'));
  return startsHere ? toPhrase(first, first.index + first.text.length, reading) : null;
}

function toPhrase(result: ParsedResult, end: number, reading: DateReading): DatePhrase | null {
  const { start } = result;
  const relative = result.tags().has('result/relativeDate');
  if (!start.isCertain('day') && !start.isCertain('weekday') && !start.isCertain('hour') && !relative) return null;
  if (result.tags().has('result/relativeDateAndTime') && !reading.clockKnown) return null;
  if (!yearFirstIsIso(result)) return null;
  const day =
    start.isCertain('weekday') && !start.isCertain('day') && !NAMES_A_WEEK.test(result.text)
      ? nextWeekday(reading.now, start.get('weekday') ?? 0)
      : DateTime.fromObject({ year: start.get('year') ?? 0, month: start.get('month') ?? 0, day: start.get('day') ?? 0 }, { zone: 'utc' });
  if (!day.isValid) return null;
  const time = start.isCertain('hour') ? `${pad(start.get('hour') ?? 0)}:${pad(start.get('minute') ?? 0)}` : null;
  return { end, date: day.toISODate() ?? '', time };
}

/** chrono reads "2026-13-01" as 13 January; a date that starts with its year is year-month-day or nothing. */
function yearFirstIsIso(result: ParsedResult): boolean {
  const match = YEAR_FIRST.exec(result.text);
  return !match || (result.start.get('month') === Number(match[2]) && result.start.get('day') === Number(match[3]));
}

/** The first such weekday strictly after today: "monday" said on a Monday means a week from now. */
function nextWeekday(now: DateTime, chronoWeekday: number): DateTime {
  const target = chronoWeekday === 0 ? 7 : chronoWeekday; // chrono counts Sunday 0, luxon 7
  const days = (target - now.weekday + 7) % 7 || 7;
  return now.startOf('day').plus({ days });
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The reference day as chrono sees it (its wall clock in the reference's offset), for the parsers below. */
function referenceDay(context: ParsingContext): DateTime {
  const date = context.reference.getDateWithAdjustedTimezone();
  return DateTime.fromObject({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() }, { zone: 'utc' });
}

/** "day after tomorrow" and "overmorgen", which chrono does not know. */
function inTwoDays(pattern: RegExp): Parser {
  return {
    pattern: () => pattern,
    extract: (context) => {
      const day = referenceDay(context).plus({ days: 2 });
      return { year: day.year, month: day.month, day: day.day };
    },
  };
}

/**
 * Dutch clock words chrono does not know: "half 10" (9:30), "kwart over 9" (9:15), "kwart voor 10" (9:45), with an
 * optional "om" and "uur". The hour is taken as typed, on a 24-hour clock, as chrono does with "om 9 uur".
 */
const DUTCH_CLOCK_WORDS: Parser = {
  pattern: () => /(?<![\p{L}\p{N}])(?:om\s+)?(half|kwart\s+over|kwart\s+voor)\s+(\d{1,2})(?:\s+uur)?(?![\p{L}\p{N}:.])/iu,
  extract: (_context, match) => {
    const hour = Number(match[2]);
    if (hour < 1 || hour > 24) return null;
    const word = (match[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    if (word === 'kwart over') return { hour: hour % 24, minute: 15 };
    return { hour: hour - 1, minute: word === 'half' ? 30 : 45 };
  },
};

/** "next week friday": chrono reads "next week" and "friday" apart; together they are the Friday of next week. */
const NEXT_WEEK_WEEKDAY: Refiner = {
  refine: (context, results) => {
    const merged: typeof results = [];
    for (const result of results) {
      const previous = merged[merged.length - 1];
      const between = previous ? context.text.slice(previous.index + previous.text.length, result.index) : '';
      if (!previous || !/^next\s+week$/i.test(previous.text) || between.trim() !== '' || !result.start.isCertain('weekday')) {
        merged.push(result);
        continue;
      }
      if (result.start.isCertain('day')) {
        merged.push(result);
        continue;
      }
      const monday = referenceDay(context).startOf('week').plus({ weeks: 1 });
      const weekday = result.start.get('weekday') ?? 1;
      const day = monday.plus({ days: (weekday + 6) % 7 });
      result.start.imply('year', day.year).imply('month', day.month).imply('day', day.day);
      result.text = context.text.slice(previous.index, result.index + result.text.length);
      result.index = previous.index;
      merged[merged.length - 1] = result;
    }
    return merged;
  },
};

function configured(configuration: ReturnType<typeof nl.createCasualConfiguration>, extra: Parser[]): Chrono {
  configuration.parsers.push(...extra);
  configuration.refiners.push(NEXT_WEEK_WEEKDAY);
  return new Chrono(configuration);
}

function englishParser(littleEndian: boolean): Chrono {
  const parsers = [inTwoDays(/(?<![\p{L}\p{N}])(?:the\s+)?day\s+after\s+tomorrow(?![\p{L}\p{N}])/iu)];
  return configured(en.configuration.createCasualConfiguration(littleEndian), parsers);
}

function dutchParser(littleEndian: boolean): Chrono {
  const parsers = [inTwoDays(/(?<![\p{L}\p{N}])overmorgen(?![\p{L}\p{N}])/iu), DUTCH_CLOCK_WORDS];
  return configured(nl.createCasualConfiguration(littleEndian), parsers);
}

/** Built once; chrono parsers keep no state between calls. */
const PARSERS: Record<Locale, Record<'dayFirst' | 'monthFirst', Chrono>> = {
  en: { dayFirst: englishParser(true), monthFirst: englishParser(false) },
  nl: { dayFirst: dutchParser(true), monthFirst: dutchParser(false) },
};
