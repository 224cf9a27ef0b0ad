import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JsonObject } from '../../../tools/package/json';
import { bundledManifestVersions, loadBundledSchema, officialSchemaUrl, withUnicodeSafePatterns } from '../../../tools/package/schemas';

const rawLocalizationSchema = (): JsonObject =>
  JSON.parse(
    readFileSync(
      join(
        dirname(require.resolve('@microsoft/app-manifest/package.json')),
        'build/json-schemas/teams/v1.25/MicrosoftTeams.Localization.schema.json',
      ),
      'utf8',
    ),
  ) as JsonObject;

const patternKeys = (schema: JsonObject): string[] => Object.keys(schema.patternProperties as JsonObject);

const compilesWithU = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
};

describe('bundled Teams schemas', () => {
  it('include v1.25, the version the template uses, with its Localization schema', () => {
    expect(bundledManifestVersions()).toContain('1.25');
    expect(loadBundledSchema('manifest', '1.25')).toMatchObject({ properties: { manifestVersion: { const: '1.25' } } });
    expect(loadBundledSchema('localization', '1.25')).toMatchObject({ required: ['name.short', 'description.short', 'description.full'] });
    expect(loadBundledSchema('manifest', '1.99')).toBeUndefined();
    expect(loadBundledSchema('manifest', '../v1.25')).toBeUndefined();
  });

  it('have official URLs', () => {
    expect(officialSchemaUrl('manifest', '1.25')).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json',
    );
    expect(officialSchemaUrl('localization', '1.25')).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.Localization.schema.json',
    );
  });

  it('Localization schema: the two patterns ajv cannot compile are repaired with the same meaning', () => {
    const raw = rawLocalizationSchema();
    expect(patternKeys(raw).filter((p) => !compilesWithU(p))).toEqual([
      '^activities.activityTypes\\[\\b([0-9]|[1-8][0-9]|9[0-9]|1[01][0-9]|12[0-7])\\b]\\.description$',
      '^activities.activityTypes\\[\\b([0-9]|[1-8][0-9]|9[0-9]|1[01][0-9]|12[0-7])\\b]\\.templateText$',
    ]);
    const fixed = patternKeys(withUnicodeSafePatterns(raw));
    expect(fixed.filter((p) => !compilesWithU(p))).toEqual([]);
    expect(fixed.length).toBe(patternKeys(raw).length);
    const description = fixed.find((p) => p.includes('activityTypes') && p.endsWith('description$')) ?? '';
    expect(new RegExp(description, 'u').test('activities.activityTypes[12].description')).toBe(true);
    expect(new RegExp(description, 'u').test('activities.activityTypes[12]x.description')).toBe(false);
    expect(
      patternKeys(raw)
        .filter(compilesWithU)
        .every((p) => fixed.includes(p)),
    ).toBe(true);
  });
});
