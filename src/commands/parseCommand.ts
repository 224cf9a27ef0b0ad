import { DateTime } from 'luxon';
import type { Locale } from '../core/locale';
import type { Command } from './command';
import { parseDeferDate, startsDayOfMonth } from './dates';
import { normalizeMessage } from './normalize';
import { invalidCommand } from './problems';
import { isIdLike, parseTaskIds, type TaskIdsResult } from './taskIds';
import { originalWord, textFrom, tokenize, type Token } from './tokens';
import { DATE_PREPOSITIONS, PHRASES, SEPARABLE_VERBS, STRUCTURE_WORDS, TASK_WORDS, VERBS, type Verb } from './vocabulary';

export interface ParseOptions {
  /** The user's calendar day (`YYYY-MM-DD` in their zone), for relative dates and the "in the past" check. */
  today: string;
}

/** A message split for parsing; `today` is a UTC-zoned luxon date, used only for calendar arithmetic. */
interface Input {
  message: string;
  tokens: readonly Token[];
  today: DateTime;
}

/** How a task command starts: its verb, where the ids begin, and the word that may close the id list. */
interface Head {
  verb: Verb;
  idStart: number;
  /** "af" in "rond taak 42 af", "afronden" in "taak 42 afronden"; skipped when it follows the ids. */
  closing: string | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Turns a Teams chat message into a command (the commands are listed in the README). Keywords are matched case-insensitively as whole
 * words; free text keeps its case. Anything that is not a command is `unknown`.
 *
 * @example parseCommand('<at>DigiOffice Tasks</at> finish task 42 approve Looks good', { today: '2026-11-30' })
 * // → { kind: 'finish', language: 'en', taskIds: [42], rest: 'approve Looks good' }
 */
export function parseCommand(text: string, options: ParseOptions): Command {
  const today = calendarDay(options.today);
  const message = normalizeMessage(text);
  const tokens = tokenize(message);
  const phrase = PHRASES.get(tokens.map((token) => token.word).join(' '));
  if (phrase) return { kind: phrase.command, language: phrase.language };
  const head = findHead(tokens);
  if (!head) return { kind: 'unknown', text: message };
  return parseTaskCommand({ message, tokens, today }, head);
}

function calendarDay(today: string): DateTime {
  const day = DateTime.fromISO(today, { zone: 'utc' });
  if (!ISO_DAY.test(today) || !day.isValid) throw new RangeError(`parseCommand: today must be a YYYY-MM-DD date, got "${today}"`);
  return day;
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
  const isDay = action === 'defer' ? (index: number) => startsDayOfMonth(tokens, index) : undefined;
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

/** `[until|to|tot|naar] <date> [<time>] [<reason>]` after the ids of a defer command. */
function parseDeferral(input: Input, language: Locale, taskIds: number[], start: number): Command {
  const { tokens, message, today } = input;
  const hasPreposition = DATE_PREPOSITIONS.has(tokens[start]?.word ?? '');
  const at = hasPreposition ? start + 1 : start;
  const parsed = parseDeferDate(message, tokens, at, today);
  if (parsed.kind === 'bad') return invalidCommand(language, 'defer', 'badDate', parsed.text);
  if (parsed.kind === 'none') {
    const token = tokens[at];
    // Without "until" the words after the ids may be anything; with it, they were meant as a date.
    return token && hasPreposition
      ? invalidCommand(language, 'defer', 'badDate', originalWord(message, token))
      : invalidCommand(language, 'defer', 'missingDate');
  }
  if (parsed.until.date < (today.toISODate() ?? '')) return invalidCommand(language, 'defer', 'dateInPast', parsed.text);
  return { kind: 'defer', language, taskIds, until: parsed.until, reason: textFrom(message, tokens, parsed.next) };
}
