import type { Locale } from '../core/locale';
import type { Placeholders } from './catalog';
import { chat } from './chat';
import { commandHelp } from './commandHelp';
import { commandProblems } from './commandProblems';
import { finish } from './finish';
import { inputErrors } from './inputErrors';
import { otherCards } from './otherCards';
import { signInPage } from './signInPage';
import { compileMessage, formatMessage, type CompiledMessage } from './messageFormat';
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

/** Every message as written in the catalogue (ICU MessageFormat, see catalog.ts). */
export const messages: Record<Locale, Record<MessageKey, string>> = { en, nl };

/** Arguments of a message counted by a `plural` (or `selectordinal`): they take a number. */
type PluralArguments<S extends string> = S extends `${string}{${infer Name}, ${'plural' | 'selectordinal'},${infer Rest}`
  ? Name | PluralArguments<Rest>
  : never;

export type MessageParams<K extends MessageKey> = {
  [P in Placeholders<(typeof en)[K]>]: P extends PluralArguments<(typeof en)[K]> ? number : string | number;
};

/** The optional/required params argument of `t`, by whether the (English) message has arguments. */
type ParamsArg<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never] ? [] : [params: MessageParams<K>];

// Parsed once at start-up: formatting a parsed message is cheap, parsing is not (and a broken message fails here).
const compiled: Record<Locale, Record<MessageKey, CompiledMessage>> = {
  en: compileAll(en, 'en'),
  nl: compileAll(nl, 'nl'),
};

function compileAll(catalogue: Record<MessageKey, string>, locale: Locale): Record<MessageKey, CompiledMessage> {
  return Object.fromEntries(Object.entries(catalogue).map(([key, source]) => [key, compileMessage(source, locale)])) as Record<
    MessageKey,
    CompiledMessage
  >;
}

/**
 * The message `key` in `locale`, its arguments filled from `params` and its plural forms chosen by the language's
 * rules. The compiler requires every argument's param; one missing anyway (a cast) is left visible rather than
 * failing the user's request.
 */
export function t<K extends MessageKey>(locale: Locale, key: K, ...args: ParamsArg<K>): string {
  return formatMessage(compiled[locale][key], args[0] ?? {});
}

/** The argument names of the message `key` in `locale`, sorted (for the catalogue's tests). */
export function messageArguments(locale: Locale, key: MessageKey): string[] {
  return compiled[locale][key].arguments;
}

/** The product language for a Teams locale such as `nl-NL`, `nl-BE`, `en-US`; anything else → `fallback`. */
export function resolveLocale(activityLocale: string | undefined | null, fallback: Locale): Locale {
  const language = (activityLocale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return language === 'nl' || language === 'en' ? language : fallback;
}
