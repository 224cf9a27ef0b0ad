import type { CardJson } from '../core/cardChannel';
import type { ChatChoice } from '../core/chatViews';
import type { Locale } from '../core/locale';
import { t } from '../i18n';
import { fitToBudget } from './cardBudget';
import { expand } from './templates';

/** The most buttons one question offers; a longer list asks for a more precise name instead. */
export const MAX_CHOICES = 8;

/**
 * A question in the chat with one button per choice (verb `chat.run`): clicking runs the choice's command as the user
 * who clicks. Choices beyond `MAX_CHOICES`, or beyond what fits in a Teams message, are left out, and the card says so.
 */
export function renderChoicesCard(locale: Locale, question: string, choices: readonly ChatChoice[]): CardJson {
  const offered = choices.slice(0, MAX_CHOICES);
  return fitToBudget(offered.length, (shown) =>
    expand('chatChoices', {
      question,
      choices: offered.slice(0, shown).map((choice) => ({ title: choice.title, data: { ...choice.run, label: choice.title } })),
      leftOut: shown < choices.length ? t(locale, 'chat.choicesLeftOut') : '',
      chosen: '',
      working: '',
    }),
  );
}

/**
 * What replaces a question once a button was clicked: the choice, without buttons, so it cannot run twice. `working`:
 * the command still waits for DigiOffice, and the card says that its answer follows in the chat.
 */
export function renderChosenCard(locale: Locale, label: string, { working = false }: { working?: boolean } = {}): CardJson {
  return expand('chatChoices', {
    question: '',
    choices: [],
    leftOut: '',
    chosen: t(locale, 'chat.chosen', { choice: label }),
    working: working ? t(locale, 'chat.working') : '',
  });
}
