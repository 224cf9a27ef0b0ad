import type { Locale } from '../core/locale';
import type { CommandProblem, InvalidCommand, TaskAction } from './command';
import { MAX_TASK_IDS } from './taskIds';

/** What the problem is about: the text the user typed, or the number of tasks named. */
type Subject = string;

const EXAMPLES: Record<Locale, Record<TaskAction, string>> = {
  en: { finish: 'finish task 42', defer: 'defer task 42 until 2026-12-05' },
  nl: { finish: 'taak 42 afronden', defer: 'taak 42 uitstellen tot 2026-12-05' },
};

const DETAILS: Record<Locale, Record<CommandProblem, (subject: Subject, example: string) => string>> = {
  en: {
    missingTaskId: (_s, example) => `Which task? Type for example "${example}".`,
    badTaskId: (s) => `"${s}" is not a task number.`,
    tooManyTasks: (s) => `You named ${s} tasks; at most ${MAX_TASK_IDS} can be done at once.`,
    missingDate: (_s, example) => `Until when? Type for example "${example}".`,
    badDate: (s) =>
      `"${s}" is not a valid date or time. Use for example 2026-12-05, 5-12-2026, 5 Dec, tomorrow or Friday, optionally followed by a time such as 14:30.`,
    dateInPast: (s) => `${s} is in the past.`,
  },
  nl: {
    missingTaskId: (_s, example) => `Welke taak? Typ bijvoorbeeld "${example}".`,
    badTaskId: (s) => `"${s}" is geen taaknummer.`,
    tooManyTasks: (s) => `Je noemde ${s} taken; er kunnen er hoogstens ${MAX_TASK_IDS} tegelijk.`,
    missingDate: (_s, example) => `Tot wanneer? Typ bijvoorbeeld "${example}".`,
    badDate: (s) =>
      `"${s}" is geen geldige datum of tijd. Gebruik bijvoorbeeld 2026-12-05, 5-12-2026, 5 dec, morgen of vrijdag, eventueel gevolgd door een tijd als 14:30.`,
    dateInPast: (s) => `${s} ligt in het verleden.`,
  },
};

/** An `invalid` command whose detail tells the user, in the language they typed, what to fix. */
export function invalidCommand(language: Locale, command: TaskAction, problem: CommandProblem, subject: Subject = ''): InvalidCommand {
  const detail = DETAILS[language][problem](subject, EXAMPLES[language][command]);
  return { kind: 'invalid', language, command, problem, detail };
}
