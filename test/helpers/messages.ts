import type { Locale } from '../../src/core/locale';
import { messages, type MessageKey } from '../../src/i18n';

/**
 * The catalogue message `key` in `locale` as a pattern, any value standing in for each argument (a `{name}` or a
 * whole `{count, plural, …}`): for tests that name which message the bot sent without knowing every value in it.
 */
export function messagePattern(locale: Locale, key: MessageKey): RegExp {
  const literal = topLevelText(messages[locale][key]).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.+?')}$`);
}

/** The text between the message's top-level `{…}` arguments (nested braces belong to their argument). */
function topLevelText(message: string): string[] {
  const parts = [''];
  let depth = 0;
  for (const char of message) {
    if (char === '{' && depth++ === 0) parts.push('');
    else if (char === '}' && --depth === 0) continue;
    else if (depth === 0) parts[parts.length - 1] += char;
  }
  return parts;
}
