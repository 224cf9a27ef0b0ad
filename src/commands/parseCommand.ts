import { DateTime } from 'luxon';
import type { Locale } from '../core/locale';
import type { Command } from './command';
import { dayFirst } from './dateOrder';
import { readDeferDate, startsWithDayOfMonth, unreadDate, type DateReading } from './dates';
import { normalizeMessage } from './normalize';
import { invalidCommand } from './problems';
import { readSignInCode } from './signInCode';
import { isIdLike, parseTaskIds, type TaskIdsResult } from './taskIds';
import { originalWord, textFrom, tokenize, type Token } from './tokens';
import { correctTypos } from './typos';
import { DATE_PREPOSITIONS, PHRASES, SEPARABLE_VERBS, STRUCTURE_WORDS, TASK_WORDS, VERBS, type Verb } from './vocabulary';

export interface ParseOptions {
  /** The user's calendar day (`YYYY-MM-DD` in their zone), for relative dates and the "in the past" check. */
  today: string;
  /**
   * The user's wall-clock time (`HH:mm` in their zone). A time typed without a day is its next occurrence (today, or
   * tomorrow when it has passed), and "in 3 hours" counts from it. Without it, the day starts at 00:00 and phrases
   * that count from the clock are not understood.
   */
  time?: string;
  /**
   * The user's full locale tag (`en-US`, `en-GB`, `nl-NL`, as Teams sends it), for the order of numeric dates:
   * `12/5` is 5 December for `nl-NL` and `en-GB`, 12 May for `en-US`. Without it, the day comes first.
   */
  locale?: string;
}

/** A message split for parsing, with what dates are read against. */
interface Input {
  message: string;
  tokens: readonly Token[];
  /** The user's wall clock (UTC-zoned luxon date whose fields are the user's local date and time). */
  now: DateTime;
  clockKnown: boolean;
  dayFirst: boolean;
}

/** How a task command starts: its verb, where the ids begin, and the word that may close the id list. */
interface Head {
  verb: Verb;
  idStart: number;
  /** "af" in "rond taak 42 af", "afronden" in "taak 42 afronden"; skipped when it follows the ids. */
  closing: string | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Turns a Teams chat message into a command. Keywords are matched case-insensitively as whole words; free text keeps
 * its case. A message that is a command once a mistyped keyword is corrected is `didYouMean`; anything else that is
 * not a command is `unknown`. The grammar is described in docs/chat-grammar.md.
 *
 * @example parseCommand('<at>DigiOffice Tasks</at> finish task 42 approve Looks good', { today: '2026-11-30' })
 * // → { kind: 'finish', language: 'en', taskIds: [42], rest: 'approve Looks good' }
 */
export function parseCommand(text: string, options: ParseOptions): Command {
  const now = wallClock(options);
  const message = normalizeMessage(text);
  const reading = { now, clockKnown: options.time !== undefined, dayFirst: dayFirst(options.locale) };
  const parse = (typed: string): Command => parseExactly(typed, tokenize(typed), reading);
  const tokens = tokenize(message);
  const command = parseExactly(message, tokens, reading);
  if (command.kind !== 'unknown' && command.kind !== 'invalid') return command;
  const corrected = correctTypos(message, tokens, parse);
  return corrected ? { kind: 'didYouMean', language: corrected.language, text: corrected.text } : command;
}

/** The message as typed, without typo correction. */
function parseExactly(message: string, tokens: readonly Token[], reading: Omit<Input, 'message' | 'tokens'>): Command {
  const code = readSignInCode(tokens);
  if (code) return { kind: 'signInCode', ...code };
  const phrase = PHRASES.get(tokens.map((token) => token.word).join(' '));
  if (phrase) return { kind: phrase.command, language: phrase.language };
  const head = findHead(tokens);
  if (!head) return { kind: 'unknown', text: message };
  return parseTaskCommand({ message, tokens, ...reading }, head);
}

function wallClock(options: ParseOptions): DateTime {
  const day = DateTime.fromISO(options.today, { zone: 'utc' });
  if (!ISO_DAY.test(options.today) || !day.isValid) {
    throw new RangeError(`parseCommand: today must be a YYYY-MM-DD date, got "${options.today}"`);
  }
  if (options.time === undefined) return day;
  const time = CLOCK.exec(options.time);
  if (!time) throw new RangeError(`parseCommand: time must be an HH:mm time, got "${options.time}"`);
  return day.set({ hour: Number(time[1]), minute: Number(time[2]) });
}

/**
 * The forms a task command can take: `finish [task] 42`, `rond [taak] 42 af`, `taak afronden 42`, `taak 42 afronden`.
 * Messages that start with a task word but have no verb in the right place are not commands ("tasks are great").
 */
function findHead(tokens: readonly Token[]): Head | null {
  const first = tokens[0]?.word ?? '';
  const verb = VERBS.get(first);
  if (verb) return { verb, idStart: afterTaskWord(tokens, 1), closing: null };
  const separable = SEPARABLE_VERBS.get(first);
  if (separable && (TASK_WORDS.has(tokens[1]?.word ?? '') || isIdLike(tokens[1]))) {
    return { verb: separable, idStart: afterTaskWord(tokens, 1), closing: separable.particle };
  }
  if (!TASK_WORDS.has(first)) return null;
  const verbSecond = VERBS.get(tokens[1]?.word ?? '');
  if (verbSecond) return { verb: verbSecond, idStart: 2, closing: null };
  const closingAt = idListEnd(parseTaskIds(tokens, 1));
  const closing = tokens[closingAt]?.word ?? '';
  const verbAfterIds = VERBS.get(closing);
  return verbAfterIds ? { verb: verbAfterIds, idStart: 1, closing } : null;
}

/** Where a verb would stand after the ids, also when the ids are wrong ("taak abc afronden"). */
function idListEnd(ids: TaskIdsResult): number {
  return ids.kind === 'ids' || ids.kind === 'tooMany' ? ids.next : ids.at + 1;
}

function afterTaskWord(tokens: readonly Token[], index: number): number {
  return TASK_WORDS.has(tokens[index]?.word ?? '') ? index + 1 : index;
}

function parseTaskCommand(input: Input, head: Head): Command {
  const { tokens, message } = input;
  const { action, language } = head.verb;
  const reading = readingFor(input, language);
  // Only a defer command has a date after its ids; the first number is always an id.
  const isDay = action === 'defer' ? (index: number) => startsWithDayOfMonth(message.slice(tokens[index]?.start ?? 0), reading) : undefined;
  const ids = parseTaskIds(tokens, head.idStart, isDay);
  if (ids.kind === 'tooMany') return invalidCommand(language, action, 'tooManyTasks', String(ids.count));
  if (ids.kind !== 'ids') {
    const token = tokens[ids.at];
    const missing = !token || (ids.kind === 'none' && STRUCTURE_WORDS.has(token.word));
    return missing
      ? invalidCommand(language, action, 'missingTaskId')
      : invalidCommand(language, action, 'badTaskId', originalWord(message, token));
  }
  const next = head.closing !== null && tokens[ids.next]?.word === head.closing ? ids.next + 1 : ids.next;
  if (action === 'finish') return { kind: 'finish', language, taskIds: ids.taskIds, rest: textFrom(message, tokens, next) };
  return parseDeferral(input, language, ids.taskIds, next);
}

/** `[until|to|tot|naar] <date> [<time>] [<reason>]` after the ids of a defer command; see `readDeferDate`. */
function parseDeferral(input: Input, language: Locale, taskIds: number[], start: number): Command {
  const { tokens, message } = input;
  const hasPreposition = DATE_PREPOSITIONS.has(tokens[start]?.word ?? '');
  const token = tokens[hasPreposition ? start + 1 : start];
  if (!token) return invalidCommand(language, 'defer', 'missingDate');
  const dateText = message.slice(token.start);
  const read = readDeferDate(dateText, readingFor(input, language));
  if (read.kind === 'bad') return invalidCommand(language, 'defer', 'badDate', read.text);
  if (read.kind === 'none') {
    // Without "until" the words after the ids may be anything; with it, they were meant as a date.
    return hasPreposition
      ? invalidCommand(language, 'defer', 'badDate', unreadDate(dateText))
      : invalidCommand(language, 'defer', 'missingDate');
  }
  if (isPast(read.until, input)) return invalidCommand(language, 'defer', 'dateInPast', read.text);
  return { kind: 'defer', language, taskIds, until: read.until, reason: read.reason };
}

function readingFor(input: Input, language: Locale): DateReading {
  return { now: input.now, clockKnown: input.clockKnown, dayFirst: input.dayFirst, language };
}

/** Before today, or earlier today than now when the clock is known (the use case checks the exact moment again). */
function isPast(until: { date: string; time: string | null }, input: Input): boolean {
  const today = input.now.toISODate() ?? '';
  if (until.date !== today) return until.date < today;
  return input.clockKnown && until.time !== null && until.time < input.now.toFormat('HH:mm');
}
