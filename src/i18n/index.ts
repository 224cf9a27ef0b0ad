import type { Locale } from '../core/locale';
import type { Placeholders } from './catalog';
import { chat } from './chat';
import { commandHelp } from './commandHelp';
import { commandProblems } from './commandProblems';
import { finish } from './finish';
import { inputErrors } from './inputErrors';
import { otherCards } from './otherCards';
import { signInPage } from './signInPage';
import { taskCard } from './taskCard';

export { HELP_COMMANDS, type HelpCommand } from './commandHelp';
export { minutesToWait } from './waits';

// A new area: a file beside these, added to both spreads.
const en = {
  ...taskCard.en,
  ...otherCards.en,
  ...commandHelp.en,
  ...chat.en,
  ...finish.en,
  ...signInPage.en,
  ...inputErrors.en,
  ...commandProblems.en,
};
const nl = {
  ...taskCard.nl,
  ...otherCards.nl,
  ...commandHelp.nl,
  ...chat.nl,
  ...finish.nl,
  ...signInPage.nl,
  ...inputErrors.nl,
  ...commandProblems.nl,
};

export type MessageKey = keyof typeof en;

export const messages: Record<Locale, Record<MessageKey, string>> = { en, nl };

export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof en)[K]>, string | number>;

/** The optional/required params argument of `t`, by whether the (English) message has placeholders. */
type ParamsArg<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never] ? [] : [params: MessageParams<K>];

/**
 * The message `key` in `locale`, with `{name}` placeholders filled from `params`. The compiler requires every
 * placeholder's param; one missing anyway (a cast) is left visible rather than failing the user's request.
 */
export function t<K extends MessageKey>(locale: Locale, key: K, ...args: ParamsArg<K>): string {
  const params: Record<string, string | number> = args[0] ?? {};
  return messages[locale][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value !== undefined ? String(value) : placeholder;
  });
}

/** The product language for a Teams locale such as `nl-NL`, `nl-BE`, `en-US`; anything else → `fallback`. */
export function resolveLocale(activityLocale: string | undefined | null, fallback: Locale): Locale {
  const language = (activityLocale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return language === 'nl' || language === 'en' ? language : fallback;
}
