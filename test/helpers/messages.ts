import type { Locale } from '../../src/core/locale';
import { messages, type MessageKey } from '../../src/i18n';

/**
 * The catalogue message `key` in `locale` as a pattern, any value standing in for each `{placeholder}`: for tests
 * that name which message the bot sent without knowing every value in it.
 */
export function messagePattern(locale: Locale, key: MessageKey): RegExp {
  const literal = messages[locale][key].split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.+?')}$`);
}
