import type { z } from 'zod';

/**
 * Plain-English messages for a webhook sender ("required", "expected a number, got a string") in place of zod's
 * defaults. Messages written on the schema itself ("expected a GUID") take precedence over this map.
 */
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'required';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${article(expectedName(issue.expected))}, got ${article(kindOf(issue.input))}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}`;
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive ?? true);
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive ?? true);
    default:
      return undefined;
  }
};

function tooSmall(origin: string, minimum: number, inclusive: boolean): string | undefined {
  if (origin === 'string') return minimum <= 1 ? 'must not be empty' : `must be at least ${minimum} characters long`;
  if (origin === 'array') return `must contain at least ${minimum} ${minimum === 1 ? 'item' : 'items'}`;
  if (origin === 'number' || origin === 'int') return inclusive ? `must be at least ${minimum}` : `must be greater than ${minimum}`;
  return undefined;
}

function tooBig(origin: string, maximum: number, inclusive: boolean): string | undefined {
  if (origin === 'string') return `must be at most ${maximum} characters long`;
  if (origin === 'array') return `must contain at most ${maximum} items`;
  if (origin === 'number' || origin === 'int') return inclusive ? `must be at most ${maximum}` : `must be less than ${maximum}`;
  return undefined;
}

function expectedName(expected: string): string {
  if (expected === 'int') return 'integer';
  return expected;
}

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && !Number.isInteger(input)) return 'fractional number';
  return typeof input;
}

function article(noun: string): string {
  if (noun === 'null') return noun;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function describeValue(input: unknown): string {
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
