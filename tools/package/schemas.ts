import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isObject, type Json, type JsonObject } from './json';

/** The Teams schemas bundled by @microsoft/app-manifest: read from disk, never fetched. */
const SCHEMA_ROOT = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

export type SchemaKind = 'manifest' | 'localization';

const FILE_NAMES: Record<SchemaKind, string> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

export function officialSchemaUrl(kind: SchemaKind, manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/${FILE_NAMES[kind]}`;
}

/** "1.5", …, "1.30" — the versions with a bundled manifest schema, in numeric order. */
export function bundledManifestVersions(): string[] {
  return readdirSync(SCHEMA_ROOT)
    .filter((dir) => /^v\d+\.\d+$/.test(dir) && existsSync(join(SCHEMA_ROOT, dir, FILE_NAMES.manifest)))
    .map((dir) => dir.slice(1))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

const loaded = new Map<string, JsonObject>();

/** The bundled schema (the same object on every call), or undefined when this version has none. */
export function loadBundledSchema(kind: SchemaKind, manifestVersion: string): JsonObject | undefined {
  if (!/^\d+\.\d+$/.test(manifestVersion)) return undefined;
  const file = join(SCHEMA_ROOT, `v${manifestVersion}`, FILE_NAMES[kind]);
  let schema = loaded.get(file);
  if (!schema && existsSync(file)) {
    schema = withUnicodeSafePatterns(JSON.parse(readFileSync(file, 'utf8')) as JsonObject);
    loaded.set(file, schema);
  }
  return schema;
}

/**
 * Every bundled Localization schema has two patternProperties keys with an unescaped `]`
 * (`…activityTypes\[\b(…)\b]\.description$`, MicrosoftDocs/msteams-docs#8858). ajv compiles patterns with the `u`
 * flag, where a lone `]` is a syntax error, so compiling the schema throws. Without `u` a lone `]` is a literal,
 * so escaping it keeps the intended meaning.
 */
export function withUnicodeSafePatterns(schema: JsonObject): JsonObject {
  const fix = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(fix);
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === 'patternProperties' && isObject(item)) {
        out[key] = Object.fromEntries(Object.entries(item).map(([pattern, sub]) => [unicodeSafe(pattern), fix(sub)]));
      } else if (key === 'pattern' && typeof item === 'string') {
        out[key] = unicodeSafe(item);
      } else {
        out[key] = fix(item);
      }
    }
    return out;
  };
  const fixed = fix(schema);
  return isObject(fixed) ? fixed : schema;
}

function compilesWithUnicodeFlag(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function unicodeSafe(pattern: string): string {
  if (compilesWithUnicodeFlag(pattern)) return pattern;
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\') {
      out += ch + pattern.charAt(i + 1);
      i++;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === ']') {
      out += inClass ? ch : '\\]';
      inClass = false;
    } else {
      out += ch;
    }
  }
  return out;
}
