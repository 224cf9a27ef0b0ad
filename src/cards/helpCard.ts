import type { CardJson } from '../core/cardChannel';
import type { Locale } from '../core/locale';
import { HELP_COMMANDS, t } from '../i18n';
import { expand } from './templates';

/** The commands a user can type, with examples, in their language. */
export function renderHelpCard(locale: Locale): CardJson {
  return expand('help', {
    title: t(locale, 'help.title'),
    intro: t(locale, 'help.intro'),
    commands: HELP_COMMANDS.map((name) => ({
      command: t(locale, `help.${name}.command`),
      description: t(locale, `help.${name}.description`),
    })),
  });
}
