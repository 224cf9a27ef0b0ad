import { formatPath, getAt, type JsonObject } from './json';
import { checkLengths, checkPlaceholders } from './manifest-rules';
import { problem, type Problem } from './problem';
import { officialSchemaUrl } from './schemas';

/** `bots[0].commandLists[0].commands[5].title` → ['bots', 0, 'commandLists', 0, 'commands', 5, 'title']. */
export function keySegments(key: string): Array<string | number> {
  return [...key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map(([, name, index]) => (index !== undefined ? Number(index) : (name ?? '')));
}

/**
 * Checks a localization file against its manifest: same schema version (Teams requires it), every localized
 * array element exists in the manifest, length limits, no unreplaced placeholders.
 */
export function checkLocalizationRules(
  fileName: string,
  localization: JsonObject,
  manifest: JsonObject,
  /** the manifest's manifestVersion when it is a known one */
  version: string | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const schemaUrl = localization.$schema;
  if (version !== undefined && schemaUrl !== undefined && schemaUrl !== officialSchemaUrl('localization', version)) {
    problems.push(
      problem(`${fileName}.$schema`, `must be ${officialSchemaUrl('localization', version)} (the manifest's version ${version})`),
    );
  }
  for (const key of Object.keys(localization)) {
    if (!key.includes('[')) continue;
    if (getAt(manifest, keySegments(key)) === undefined) {
      problems.push(problem(formatPath(fileName, [key]), 'localizes an element that manifest.json does not have'));
    }
  }
  return [...problems, ...checkLengths(fileName, localization, true), ...checkPlaceholders(fileName, localization)];
}
