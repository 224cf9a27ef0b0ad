import type { Locale } from '../core/locale';

/**
 * The calendar day (`YYYY-MM-DD`) and wall-clock time (`HH:mm`) a deferral runs until, in the user's zone. `time` is
 * null when only a day was typed ("tomorrow", "5 dec"); the deferral then runs until 08:00 that day, which the finish
 * operation applies (`DEFAULT_DEFER_TIME`), as it does for the card's date input without a time.
 */
export interface DeferUntil {
  date: string;
  time: string | null;
}

/** The two commands that carry task ids, and so can be typed wrongly. */
export type TaskAction = 'finish' | 'defer';

export type CommandProblem = 'missingTaskId' | 'badTaskId' | 'tooManyTasks' | 'missingDate' | 'badDate' | 'dateInPast';

/**
 * A chat message as the bot understands it (the commands are listed in the README). `language` is the language of the keywords the user
 * typed; free text (`rest`, `reason`) keeps its original case and spacing.
 */
export type Command =
  /** `rest` is everything after the ids ("<transition name> <comment>"); null means "show me the card". */
  | { kind: 'finish'; language: Locale; taskIds: number[]; rest: string | null }
  | { kind: 'defer'; language: Locale; taskIds: number[]; until: DeferUntil; reason: string | null }
  | { kind: 'list'; language: Locale }
  | { kind: 'signIn'; language: Locale }
  /** The one-time code of a sign-in page, typed back; `language` is null when only the digits were typed. */
  | { kind: 'signInCode'; language: Locale | null; code: string }
  | { kind: 'signOut'; language: Locale }
  | { kind: 'help'; language: Locale }
  /** A finish/defer command the user got wrong; `detail` is a sentence in `language` saying what to fix. */
  | { kind: 'invalid'; language: Locale; command: TaskAction; problem: CommandProblem; detail: string }
  /**
   * A message that is a command once a mistyped keyword is corrected ("finsh task 42"): `text` is the whole message
   * with the keyword corrected and everything else as typed; `language` is the corrected command's.
   */
  | { kind: 'didYouMean'; language: Locale; text: string }
  /** `text` is the message without Teams markup. */
  | { kind: 'unknown'; text: string };

export type InvalidCommand = Extract<Command, { kind: 'invalid' }>;
