import { IntlMessageFormat } from 'intl-messageformat';

type Element = ReturnType<IntlMessageFormat['getAst']>[number];

/** The parser's element type of plain text (`TYPE.literal`). */
const LITERAL = 0;

/** One catalogue message, parsed once: its formatter and the names of its arguments (nested ones included). */
export interface CompiledMessage {
  source: string;
  format: IntlMessageFormat;
  arguments: string[];
}

/**
 * Parses a message as ICU MessageFormat for `locale` (its plural rules). Tags are plain text: a message never holds
 * markup. Throws on a syntax error, so a broken message fails at start-up and in the catalogue test, not in a reply.
 */
export function compileMessage(source: string, locale: string): CompiledMessage {
  const format = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
  return { source, format, arguments: [...new Set(argumentNames(format.getAst()))].sort() };
}

/**
 * The message with `values` filled in. A value the compiler already requires but a cast left out stays visible as
 * `{name}`; a message that still cannot be formatted (a plural without its number) is shown as written rather than
 * failing the user's request.
 */
export function formatMessage(message: CompiledMessage, values: Record<string, string | number>): string {
  const filled: Record<string, string | number> = { ...values };
  for (const name of message.arguments) if (filled[name] === undefined) filled[name] = `{${name}}`;
  try {
    return String(message.format.format(filled));
  } catch {
    return message.source;
  }
}

function argumentNames(elements: Element[]): string[] {
  return elements.flatMap((element): string[] => {
    if ('options' in element) {
      const nested = Object.values(element.options).flatMap((option) => argumentNames(option.value));
      return [element.value, ...nested];
    }
    if ('children' in element) return argumentNames(element.children);
    // Literal text and the plural's `#` are no arguments; every other element names one.
    return 'value' in element && (element.type as number) !== LITERAL ? [element.value] : [];
  });
}
