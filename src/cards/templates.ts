import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { CARDS_DIR } from '../appFolders';
import type { CardJson } from '../core/cardChannel';
import { LOCALES, type Locale } from '../core/locale';
import { foldKnown, type KnownValues } from './templateFolding';

export type TemplateName = 'task' | 'signin' | 'help' | 'taskList' | 'chatChoices';

/** What a template's `${fixed.name}` values are in one language: labels, and limits such as a maximum length. */
export type FixedValues = Readonly<Record<string, string | number>>;

function read(name: TemplateName): unknown {
  return JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'));
}

// Parsing a template's expressions costs ~30x an expansion, so each is built once, at module load.
const templates: Record<Exclude<TemplateName, 'task'>, Template> = {
  signin: new Template(read('signin')),
  help: new Template(read('help')),
  taskList: new Template(read('taskList')),
  chatChoices: new Template(read('chatChoices')),
};

/**
 * Expands a template with a fully defined view model. Unbound `${…}` would stay literal, so the view models carry
 * every field the template reads (empty strings and false rather than absent).
 */
export function expand(name: Exclude<TemplateName, 'task'>, data: object): CardJson {
  return expandWith(templates[name], data);
}

/**
 * A template built at load in a few versions, each with what is known then written in (templateFolding.ts): per
 * language its `${fixed.…}` values (the texts that depend only on the language, limits), and for each of
 * `shortcuts` (values most cards have, such as "no errors") a version with those folded in as well. The template
 * engine spends about 1 µs on each `${…}` of every card it draws; what is folded in costs nothing. A card is drawn
 * from the first shortcut its data agrees with on every value, else from the language's full template.
 */
export function preparedTemplate(name: TemplateName, fixed: (locale: Locale) => FixedValues, shortcuts: KnownValues[] = []) {
  const payload = read(name);
  const where = `cards/${name}.json`;
  const checks = shortcuts.map((shortcut) => Object.entries(shortcut).map(([path, value]) => ({ keys: path.split('.'), value })));
  const versions = new Map(
    LOCALES.map((locale) => {
      const known = Object.fromEntries(Object.entries(fixed(locale)).map(([key, value]) => [`fixed.${key}`, value]));
      const build = (shortcut: KnownValues) => new Template(foldKnown(payload, { ...known, ...shortcut }, where));
      return [locale, { full: build({}), shortcuts: shortcuts.map(build) }];
    }),
  );
  return (locale: Locale, data: object): CardJson => {
    const version = versions.get(locale) as { full: Template; shortcuts: Template[] };
    const index = checks.findIndex((check) => check.every(({ keys, value }) => valueAt(data, keys) === value));
    return expandWith(version.shortcuts[index] ?? version.full, data);
  };
}

function valueAt(data: object, keys: string[]): unknown {
  let value: unknown = data;
  for (const key of keys) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function expandWith(template: Template, data: object): CardJson {
  const card = template.expand({ $root: data }) as CardJson;
  // A card property a `$when` left out (such as `refresh`) comes back as null: leave it out of the card instead.
  for (const key of Object.keys(card)) if (card[key] === null) delete card[key];
  return card;
}
