import type { Locale } from '../core/locale';
import { t } from '../i18n';
import type { CommandProblem, InvalidCommand, TaskAction } from './command';
import { MAX_TASK_IDS } from './taskIds';

/** What the problem is about: the text the user typed, or the number of tasks named. */
type Subject = string;

function detailOf(language: Locale, command: TaskAction, problem: CommandProblem, subject: Subject): string {
  const example = t(language, command === 'finish' ? 'command.example.finish' : 'command.example.defer');
  switch (problem) {
    case 'missingTaskId':
      return t(language, 'command.missingTaskId', { example });
    case 'badTaskId':
      return t(language, 'command.badTaskId', { text: subject });
    case 'tooManyTasks':
      return t(language, 'command.tooManyTasks', { count: subject, max: MAX_TASK_IDS });
    case 'missingDate':
      return t(language, 'command.missingDate', { example });
    case 'badDate':
      return t(language, 'command.badDate', { text: subject });
    case 'dateInPast':
      return t(language, 'command.dateInPast', { text: subject });
  }
}

/** An `invalid` command whose detail tells the user, in the language they typed, what to fix. */
export function invalidCommand(language: Locale, command: TaskAction, problem: CommandProblem, subject: Subject = ''): InvalidCommand {
  return { kind: 'invalid', language, command, problem, detail: detailOf(language, command, problem, subject) };
}
