import { readFileSync } from 'node:fs';
import { checkIcon, type IconKind } from './icon-rules';
import { isObject, type Json, type JsonObject } from './json';
import { checkLocalizationRules } from './localization-rules';
import { checkManifestRules, type RequiredDomain } from './manifest-rules';
import { problem, type Problem } from './problem';
import { checkAgainstSchema } from './schema-check';
import { bundledManifestVersions, loadBundledSchema, officialSchemaUrl } from './schemas';
import { readZip } from './zip';

export interface ValidateOptions {
  /** Hosts validDomains must contain, e.g. the bot's (PUBLIC_URL) and DigiOffice's web host. */
  requiredDomains?: readonly RequiredDomain[];
}

const ICON_KINDS: readonly IconKind[] = ['color', 'outline', 'color32x32'];

type Parsed = { ok: true; value: JsonObject } | { ok: false; problem: Problem };

function parseJsonObject(fileName: string, data: Buffer): Parsed {
  try {
    const value = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, '')) as Json;
    return isObject(value) ? { ok: true, value } : { ok: false, problem: problem(fileName, 'must be a JSON object') };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: problem(fileName, `is not valid JSON (${reason})`) };
  }
}

/** Drops schema problems about a field that a clearer rule problem already names. */
function merge(rules: Problem[], schema: Problem[]): Problem[] {
  const named = new Set(rules.map((p) => p.where));
  return [...schema.filter((p) => !named.has(p.where)), ...rules];
}

function checkManifest(manifest: JsonObject, options: ValidateOptions): Problem[] {
  const rules = checkManifestRules(manifest, options.requiredDomains ?? []);
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return [problem('manifest.manifestVersion', 'is required'), ...rules];
  const schema = loadBundledSchema('manifest', version);
  if (!schema) {
    const known = bundledManifestVersions().join(', ');
    return [problem('manifest.manifestVersion', `${JSON.stringify(version)} is not a known Teams manifest version (${known})`), ...rules];
  }
  const expectedUrl = officialSchemaUrl('manifest', version);
  const schemaUrl = manifest.$schema;
  if (schemaUrl !== undefined && schemaUrl !== expectedUrl && schemaUrl !== expectedUrl.replace('.com/', '.com/en-us/')) {
    rules.unshift(problem('manifest.$schema', `must be ${expectedUrl} to match manifestVersion ${version}`));
  }
  return merge(rules, checkAgainstSchema('manifest', manifest, schema));
}

/** The files the manifest points at, each with the field that names it. */
function referencedFiles(manifest: JsonObject): { icons: Map<string, [string, IconKind]>; localizations: Map<string, string> } {
  const icons = new Map<string, [string, IconKind]>();
  const localizations = new Map<string, string>();
  const iconField = manifest.icons;
  for (const kind of ICON_KINDS) {
    const name = isObject(iconField) ? iconField[kind] : undefined;
    if (typeof name === 'string' && !icons.has(name)) icons.set(name, [`manifest.icons.${kind}`, kind]);
  }
  const info = manifest.localizationInfo;
  if (isObject(info)) {
    if (typeof info.defaultLanguageFile === 'string') {
      localizations.set(info.defaultLanguageFile, 'manifest.localizationInfo.defaultLanguageFile');
    }
    const languages = Array.isArray(info.additionalLanguages) ? info.additionalLanguages : [];
    languages.forEach((language, i) => {
      const file = isObject(language) ? language.file : undefined;
      if (typeof file === 'string' && !localizations.has(file)) {
        localizations.set(file, `manifest.localizationInfo.additionalLanguages[${i}].file`);
      }
    });
  }
  return { icons, localizations };
}

function checkLocalization(fileName: string, data: Buffer, manifest: JsonObject): Problem[] {
  const parsed = parseJsonObject(fileName, data);
  if (!parsed.ok) return [parsed.problem];
  const localization = parsed.value;
  const version = typeof manifest.manifestVersion === 'string' ? manifest.manifestVersion : undefined;
  const schema = version === undefined ? undefined : loadBundledSchema('localization', version);
  const rules = checkLocalizationRules(fileName, localization, manifest, schema ? version : undefined);
  return schema ? merge(rules, checkAgainstSchema(fileName, localization, schema)) : rules;
}

/**
 * Validates a Teams app package offline: zip layout, manifest.json against the bundled schema of its
 * manifestVersion plus our rules, localization files against the bundled Localization schema, icons.
 * Returns every problem found (empty when the package is valid).
 */
export function validateAppPackage(input: string | Buffer, options: ValidateOptions = {}): Problem[] {
  let entries;
  try {
    entries = readZip(typeof input === 'string' ? readFileSync(input) : input);
  } catch (error) {
    return [problem('zip', `is not a readable zip archive (${error instanceof Error ? error.message : String(error)})`)];
  }
  const problems: Problem[] = [];
  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    if (entry.isDirectory) {
      problems.push(problem('zip', `"${entry.name}" is a folder; every file must be at the zip root`));
    } else if (/[/\\]/.test(entry.name)) {
      problems.push(problem('zip', `"${entry.name}" is in a folder; every file must be at the zip root`));
    } else {
      files.set(entry.name, entry.data);
    }
  }
  const manifestData = files.get('manifest.json');
  if (!manifestData) return [...problems, problem('zip', 'manifest.json is missing at the zip root')];
  const parsed = parseJsonObject('manifest.json', manifestData);
  if (!parsed.ok) return [...problems, parsed.problem];
  const manifest = parsed.value;
  problems.push(...checkManifest(manifest, options));

  const { icons, localizations } = referencedFiles(manifest);
  const missing = (name: string, where: string): void => {
    if (!files.has(name)) problems.push(problem(where, `"${name}" is not in the package's root`));
  };
  icons.forEach(([where], name) => missing(name, where));
  localizations.forEach((where, name) => missing(name, where));
  for (const name of files.keys()) {
    if (name !== 'manifest.json' && !icons.has(name) && !localizations.has(name)) {
      problems.push(problem('zip', `unexpected file "${name}" (not referenced by manifest.json)`));
    }
  }
  for (const [name, [, kind]] of icons) {
    const data = files.get(name);
    if (data) problems.push(...checkIcon(name, data, kind));
  }
  for (const name of localizations.keys()) {
    const data = files.get(name);
    if (data) problems.push(...checkLocalization(name, data, manifest));
  }
  return problems;
}
