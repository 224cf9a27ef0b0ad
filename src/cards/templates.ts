import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import type { CardJson } from '../core/cardChannel';

/** The Adaptive Card templates in `/cards` (the same two levels up from `src/cards` and from the built `dist/cards`). */
export const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'cards');

export type TemplateName = 'task' | 'signin' | 'help' | 'taskList' | 'chatChoices';

function load(name: TemplateName): Template {
  return new Template(JSON.parse(readFileSync(path.join(TEMPLATE_DIR, `${name}.json`), 'utf8')));
}

// Parsing a template's expressions costs ~30x an expansion, so each is built once, at module load.
const templates: Record<TemplateName, Template> = {
  task: load('task'),
  signin: load('signin'),
  help: load('help'),
  taskList: load('taskList'),
  chatChoices: load('chatChoices'),
};

/**
 * Expands a template with a fully defined view model. Unbound `${…}` would stay literal, so the view models carry
 * every field the template reads (empty strings and false rather than absent).
 */
export function expand(name: TemplateName, data: object): CardJson {
  const card = templates[name].expand({ $root: data }) as CardJson;
  // A card property a `$when` left out (such as `refresh`) comes back as null: leave it out of the card instead.
  for (const key of Object.keys(card)) if (card[key] === null) delete card[key];
  return card;
}
