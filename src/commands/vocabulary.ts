import type { Locale } from '../core/locale';
import type { TaskAction } from './command';

export interface Verb {
  action: TaskAction;
  language: Locale;
}

export type PhraseCommand = 'list' | 'signIn' | 'signOut' | 'help';

/** Verbs that name a task command on their own: "finish task 42", "taak 42 afronden", "taak afronden 42". */
export const VERBS: ReadonlyMap<string, Verb> = new Map([
  ['finish', { action: 'finish', language: 'en' }],
  ['complete', { action: 'finish', language: 'en' }],
  ['defer', { action: 'defer', language: 'en' }],
  ['postpone', { action: 'defer', language: 'en' }],
  ['afronden', { action: 'finish', language: 'nl' }],
  ['voltooien', { action: 'finish', language: 'nl' }],
  ['uitstellen', { action: 'defer', language: 'nl' }],
]);

/**
 * Dutch separable verbs: "rond taak 42 af", "stel taak 42 uit tot morgen". The stems are everyday words
 * ("rond" also means "round"), so they only count when a task word or id follows.
 */
export const SEPARABLE_VERBS: ReadonlyMap<string, Verb & { particle: string }> = new Map([
  ['rond', { action: 'finish', language: 'nl', particle: 'af' }],
  ['stel', { action: 'defer', language: 'nl', particle: 'uit' }],
]);

export const TASK_WORDS: ReadonlySet<string> = new Set(['task', 'tasks', 'taak', 'taken']);
const TASK_WORD_LANGUAGES: ReadonlyMap<string, Locale> = new Map([
  ['task', 'en'],
  ['tasks', 'en'],
  ['taak', 'nl'],
  ['taken', 'nl'],
]);

/** Words that introduce the deferral date: "until 2026-12-05", "tot morgen". */
const DATE_PREPOSITION_LANGUAGES: ReadonlyMap<string, Locale> = new Map([
  ['until', 'en'],
  ['till', 'en'],
  ['til', 'en'],
  ['to', 'en'],
  ['tot', 'nl'],
  ['naar', 'nl'],
]);
export const DATE_PREPOSITIONS: ReadonlySet<string> = new Set(DATE_PREPOSITION_LANGUAGES.keys());

/** Words that join ids when another id follows: "42, 43 and 44", "42 en 43". */
export const ID_JOINERS: ReadonlySet<string> = new Set([',', ';', 'and', 'en', '&']);

/** Grammar words that can stand where an id is missing, so "finish task until" is a missing id, not a bad one. */
export const STRUCTURE_WORDS: ReadonlySet<string> = new Set([
  ...VERBS.keys(),
  ...TASK_WORDS,
  ...DATE_PREPOSITIONS,
  ...ID_JOINERS,
  'af',
  'uit',
]);

/** Commands that are a whole message on their own; the key is the message's words joined by one space. */
export const PHRASES: ReadonlyMap<string, { command: PhraseCommand; language: Locale }> = new Map([
  ...phrases('list', 'en', [
    'my tasks',
    'tasks',
    'list',
    'list tasks',
    'list my tasks',
    'show tasks',
    'show my tasks',
    'my open tasks',
    'open tasks',
  ]),
  ...phrases('list', 'nl', [
    'mijn taken',
    'taken',
    'lijst',
    'toon taken',
    'toon mijn taken',
    'mijn openstaande taken',
    'openstaande taken',
  ]),
  ...phrases('signIn', 'en', ['sign in', 'signin', 'sign-in', 'log in', 'login', 'log-in']),
  ...phrases('signIn', 'nl', ['aanmelden', 'inloggen']),
  ...phrases('signOut', 'en', ['sign out', 'signout', 'sign-out', 'log out', 'logout', 'log-out']),
  ...phrases('signOut', 'nl', ['afmelden', 'uitloggen', 'log uit']),
  // "help" is also the Dutch word; the caller answers in the user's locale anyway.
  ...phrases('help', 'en', ['help', '?']),
  ...phrases('help', 'nl', ['hulp']),
]);

function phrases(command: PhraseCommand, language: Locale, texts: string[]): Array<[string, { command: PhraseCommand; language: Locale }]> {
  return texts.map((text) => [text, { command, language }]);
}

/**
 * Every keyword of the grammar with its language, for typo correction: the verbs, task words, date prepositions and
 * the words of whole-message commands. Null when a word belongs to both languages ("help"). The Dutch separable
 * stems ("rond", "stel") are left out: they are everyday words, so a near miss is more likely not a command at all.
 */
export const KEYWORDS: ReadonlyMap<string, Locale | null> = keywordLanguages([
  ...[...VERBS].map(([word, verb]): [string, Locale] => [word, verb.language]),
  ...TASK_WORD_LANGUAGES,
  ...DATE_PREPOSITION_LANGUAGES,
  ...[...PHRASES].flatMap(([text, phrase]) => text.split(' ').map((word): [string, Locale] => [word, phrase.language])),
]);

function keywordLanguages(entries: Array<[string, Locale]>): Map<string, Locale | null> {
  const languages = new Map<string, Locale | null>();
  for (const [word, language] of entries) {
    const known = languages.get(word);
    languages.set(word, known === undefined || known === language ? language : null);
  }
  return languages;
}
