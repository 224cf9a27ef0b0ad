import { DateTime } from 'luxon';
import type { DeferUntil } from './command';
import { MONTHS, NEXT_WORDS, RELATIVE_DAYS, TIME_PREFIXES, TIME_SUFFIXES, WEEKDAYS } from './calendarWords';
import { textBetween, type Token } from './tokens';

export type DeferDateResult =
  /** `text` is the date as typed; `next` is the index of the first token after it. */
  | { kind: 'date'; until: DeferUntil; text: string; next: number }
  /** The tokens do not start with anything date-like. */
  | { kind: 'none' }
  /** Date-like but impossible: 31-11-2026, 29 feb 2027, 25:00. */
  | { kind: 'bad'; text: string };

/** A calendar step of the grammar: a day (or null for an impossible one) and where it ended. */
type Step = { day: DateTime | null; next: number } | null;

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
// Day first, as in the Netherlands and Britain; the month/day order of the US is not guessed at.
const DAY_FIRST_DATE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const DAY_OF_MONTH = /^(\d{1,2})(?:st|nd|rd|th|e|ste|de)?$/;
const YEAR = /^\d{4}$/;
const TIME = /^(\d{1,2})[:.](\d{2})$/;
/** How far ahead a year-less date may roll to find its next occurrence (29 feb needs up to 8 years). */
const YEARS_AHEAD = 8;

/**
 * Reads the deferral date at token `start`, then an optional time:
 * `2026-12-05`, `5-12-2026`, `5/12/2026`, `5 dec [2026]`, `dec 5[, 2026]`, `today`, `tomorrow`, `overmorgen`,
 * `day after tomorrow`, `[next] friday`, followed by `[at|om] 14:30|14.30 [uur]`. `today` is the user's calendar day,
 * a UTC-zoned luxon date used only for calendar arithmetic.
 */
export function parseDeferDate(text: string, tokens: readonly Token[], start: number, today: DateTime): DeferDateResult {
  const step =
    relativeDay(tokens, start, today) ?? weekday(tokens, start, today) ?? numericDate(tokens, start) ?? namedDate(tokens, start, today);
  if (!step) return { kind: 'none' };
  const dateText = textBetween(text, tokens, start, step.next);
  if (!step.day) return { kind: 'bad', text: dateText };
  const time = timeOfDay(tokens, step.next);
  if (time?.time === null) return { kind: 'bad', text: textBetween(text, tokens, step.next, time.next) };
  const next = time?.next ?? step.next;
  return {
    kind: 'date',
    until: { date: step.day.toISODate() ?? '', time: time?.time ?? null },
    text: textBetween(text, tokens, start, next),
    next,
  };
}

/** Whether the number at `index` is the day of a `5 dec` date, not a task id. */
export function startsDayOfMonth(tokens: readonly Token[], index: number): boolean {
  return DAY_OF_MONTH.test(tokens[index]?.word ?? '') && MONTHS.has(tokens[index + 1]?.word ?? '');
}

function relativeDay(tokens: readonly Token[], start: number, today: DateTime): Step {
  const word = tokens[start]?.word ?? '';
  const days = RELATIVE_DAYS.get(word);
  if (days !== undefined) return { day: today.plus({ days }), next: start + 1 };
  if (word === 'day' && tokens[start + 1]?.word === 'after' && tokens[start + 2]?.word === 'tomorrow')
    return { day: today.plus({ days: 2 }), next: start + 3 };
  return null;
}

function weekday(tokens: readonly Token[], start: number, today: DateTime): Step {
  const at = NEXT_WORDS.has(tokens[start]?.word ?? '') ? start + 1 : start;
  const target = WEEKDAYS.get(tokens[at]?.word ?? '');
  if (target === undefined) return null;
  // Always strictly after today: "monday" said on a Monday means a week from now.
  const days = (target - today.weekday + 7) % 7 || 7;
  return { day: today.plus({ days }), next: at + 1 };
}

function numericDate(tokens: readonly Token[], start: number): Step {
  const word = tokens[start]?.word ?? '';
  const iso = ISO_DATE.exec(word);
  if (iso) return { day: calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3])), next: start + 1 };
  const dayFirst = DAY_FIRST_DATE.exec(word);
  if (dayFirst) return { day: calendarDay(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])), next: start + 1 };
  return null;
}

/** `5 dec [2026]` or `dec 5[,] [2026]`; without a year, the next such day from today on. */
function namedDate(tokens: readonly Token[], start: number, today: DateTime): Step {
  const first = tokens[start]?.word ?? '';
  const second = tokens[start + 1]?.word ?? '';
  const parts = dayAndMonth(first, second) ?? dayAndMonth(second, first);
  if (!parts) return null;
  const afterDay = start + 2;
  const yearAt = tokens[afterDay]?.word === ',' ? afterDay + 1 : afterDay;
  const yearWord = tokens[yearAt]?.word ?? '';
  if (YEAR.test(yearWord)) return { day: calendarDay(Number(yearWord), parts.month, parts.day), next: yearAt + 1 };
  return { day: nextOccurrence(parts.month, parts.day, today), next: afterDay };
}

function dayAndMonth(dayWord: string, monthWord: string): { day: number; month: number } | null {
  const day = DAY_OF_MONTH.exec(dayWord);
  const month = MONTHS.get(monthWord);
  return day && month !== undefined ? { day: Number(day[1]), month } : null;
}

function nextOccurrence(month: number, day: number, today: DateTime): DateTime | null {
  for (let year = today.year; year <= today.year + YEARS_AHEAD; year += 1) {
    const candidate = calendarDay(year, month, day);
    if (candidate && candidate >= today) return candidate;
  }
  return null;
}

function calendarDay(year: number, month: number, day: number): DateTime | null {
  const date = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  return date.isValid ? date : null;
}

/** `time` null: time-like but impossible (25:00). Returns null when no time follows. */
function timeOfDay(tokens: readonly Token[], start: number): { time: string | null; next: number } | null {
  const at = TIME_PREFIXES.has(tokens[start]?.word ?? '') ? start + 1 : start;
  const match = TIME.exec(tokens[at]?.word ?? '');
  if (!match) return null;
  const next = TIME_SUFFIXES.has(tokens[at + 1]?.word ?? '') ? at + 2 : at + 1;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return { time: null, next };
  return { time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, next };
}
