import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import type { CardJson } from '../core/cardChannel';
import { LOCALES, type Locale } from '../core/locale';

/** The Adaptive Card templates in `/cards` (the same two levels up from `src/cards` and from the built `dist/cards`). */
export const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'cards');

export type TemplateName = 'task' | 'signin' | 'help' | 'taskList' | 'chatChoices';

/** What a template's `${fixed.name}` values are in one language: labels, and limits such as a maximum length. */
export type FixedValues = Readonly<Record<string, string | number>>;

function read(name: TemplateName): unknown {
  return JSON.parse(readFileSync(path.join(TEMPLATE_DIR, `${name}.json`), 'utf8'));
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
 * A template made once per language, its `${fixed.name}` values written in at load from `fixed(locale)`. The
 * template engine spends about 1 µs on each `${…}` of every card it draws; a value that depends only on the
 * language (an input's label, a button's title) costs nothing this way. The returned function expands the
 * language's template like `expand`.
 */
export function localisedTemplate(name: TemplateName, fixed: (locale: Locale) => FixedValues) {
  const payload = read(name);
  const byLocale = new Map(LOCALES.map((locale) => [locale, new Template(fillFixed(payload, fixed(locale), name))]));
  return (locale: Locale, data: object): CardJson => expandWith(byLocale.get(locale) as Template, data);
}

function expandWith(template: Template, data: object): CardJson {
  const card = template.expand({ $root: data }) as CardJson;
  // A card property a `$when` left out (such as `refresh`) comes back as null: leave it out of the card instead.
  for (const key of Object.keys(card)) if (card[key] === null) delete card[key];
  return card;
}

const FIXED_BINDING = /^\$\{fixed\.(\w+)\}$/;

/**
 * The payload with each string that is exactly `${fixed.name}` replaced by that value. A `${fixed.…}` anywhere else
 * (inside a longer string, or a name without a value) is an error in the template, found at load. A value must
 * not hold `${`: the template engine would read it as an expression.
 */
function fillFixed(node: unknown, fixed: FixedValues, name: TemplateName): unknown {
  if (typeof node === 'string') {
    if (!node.includes('${fixed.')) return node;
    const key = FIXED_BINDING.exec(node)?.[1];
    const value = key === undefined ? undefined : fixed[key];
    if (value === undefined) throw new Error(`cards/${name}.json: "${node}" is not one of its fixed values`);
    if (typeof value === 'string' && value.includes('${')) throw new Error(`cards/${name}.json: the value of "${node}" holds "\${"`);
    return value;
  }
  if (Array.isArray(node)) return node.map((item) => fillFixed(item, fixed, name));
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fillFixed(value, fixed, name)]));
  }
  return node;
}
