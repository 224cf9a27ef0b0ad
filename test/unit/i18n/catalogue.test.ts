import type { Locale } from '../../../src/core/locale';
import { HELP_COMMANDS, messageArguments, messages, t, type MessageKey } from '../../../src/i18n';
import { ALLOWED_IN_DUTCH, englishWordsIn, wordsOf } from '../../helpers/englishWords';

const KEYS = Object.keys(messages.en) as MessageKey[];
const LOCALES: Locale[] = ['en', 'nl'];

/** Arguments counted by a plural in either language. */
function pluralArguments(key: MessageKey): string[] {
  return LOCALES.flatMap((locale) => [...messages[locale][key].matchAll(/\{\s*(\w+)\s*,\s*plural\s*,/g)].map((m) => m[1] ?? ''));
}

/** The message filled with a neutral value per argument, once for every plural form we show (1 and several). */
function renderings(locale: Locale, key: MessageKey): string[] {
  const plurals = pluralArguments(key);
  return [1, 3].map((count) => {
    const values = Object.fromEntries(messageArguments(locale, key).map((name) => [name, plurals.includes(name) ? count : '0']));
    return (t as (locale: Locale, key: MessageKey, values: Record<string, string | number>) => string)(locale, key, values);
  });
}

describe('the message catalogue, walked id by id in both languages', () => {
  test('en and nl have exactly the same ids', () => {
    expect(Object.keys(messages.nl).sort()).toEqual([...KEYS].sort());
  });

  test.each(KEYS)('%s: a text in each language, with the same arguments', (key) => {
    for (const locale of LOCALES) expect(messages[locale][key].trim()).not.toBe('');
    expect(messageArguments('nl', key)).toEqual(messageArguments('en', key));
  });

  test.each(KEYS)('%s: renders in each language, every plural form, with no argument left unfilled', (key) => {
    for (const locale of LOCALES) {
      for (const text of renderings(locale, key)) {
        expect(text).not.toMatch(/[{}]/);
        expect(text.trim()).not.toBe('');
      }
    }
  });

  test.each(KEYS)('%s: the Dutch text has no English in it', (key) => {
    const dutch = renderings('nl', key);
    const english = renderings('en', key);
    expect(dutch.flatMap(englishWordsIn)).toEqual([]);
    // The same text in both languages is English in Dutch, unless it is only names and shared words ("Status").
    dutch.forEach((text, i) => {
      if (text === english[i]) expect(wordsOf(text).filter((w) => !ALLOWED_IN_DUTCH.has(w))).toEqual([]);
    });
  });

  test('every help command has a command and a description', () => {
    const missing = HELP_COMMANDS.flatMap((name) => [`help.${name}.command`, `help.${name}.description`]).filter(
      (key) => !(key in messages.en),
    );
    expect(missing).toEqual([]);
  });
});

describe('the English-in-Dutch detector', () => {
  test('finds the English of a DigiOffice message inside a Dutch sentence', () => {
    expect(englishWordsIn('Controleer wat je hebt ingevuld. Reason is required for this task.')).toEqual([
      'reason',
      'required',
      'for',
      'this',
      'task',
    ]);
  });

  test('passes Dutch with product names and words both languages share', () => {
    expect(englishWordsIn('Je bent aangemeld bij DigiOffice. Typ "help" in Teams; status: open, is urgent.')).toEqual([]);
  });
});
