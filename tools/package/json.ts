export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Path segments as display text: `manifest` + ['bots', 0, 'botId'] → `manifest.bots[0].botId`. */
export function formatPath(root: string, segments: ReadonlyArray<string | number>): string {
  return segments.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return /^[A-Za-z_$][\w$]*$/.test(segment) ? `${text}.${segment}` : `${text}[${JSON.stringify(segment)}]`;
  }, root);
}

/** The value at `segments`, or undefined when any step is missing. */
export function getAt(value: Json | undefined, segments: ReadonlyArray<string | number>): Json | undefined {
  let current = value;
  for (const segment of segments) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isObject(current) ? current[segment] : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/** Calls `visit` for every string value in `value` (and, with `withKeys`, every object key) with its path. */
export function forEachString(
  value: Json,
  visit: (text: string, path: Array<string | number>) => void,
  withKeys = false,
  path: Array<string | number> = [],
): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => forEachString(item, visit, withKeys, [...path, i]));
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (withKeys) visit(key, [...path, key]);
      forEachString(item, visit, withKeys, [...path, key]);
    }
  }
}
