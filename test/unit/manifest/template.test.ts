import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_DIR } from '../../../tools/package/paths';
import { PLACEHOLDER_PATTERN } from '../../../tools/package/patterns';
import { fillPlaceholders, MANIFEST_TEMPLATE, placeholderValues } from '../../../tools/package/template';
import { testConfig } from './fixtures';

describe('manifest templates', () => {
  it('fill ${{NAME}} with JSON-escaped values', () => {
    expect(fillPlaceholders('{"a":"${{X}}","b":"x-${{ Y }}"}', { X: 'say "hi" \\ bye', Y: '1' }, 't.json')).toBe(
      '{"a":"say \\"hi\\" \\\\ bye","b":"x-1"}',
    );
  });

  it('refuse a placeholder that has no value, naming it', () => {
    expect(() => fillPlaceholders('{"a":"${{NOPE}}","b":"${{X}}","c":"${{ALSO_NOPE}}"}', { X: '1' }, 't.json')).toThrow(
      't.json: no value for placeholder(s) NOPE, ALSO_NOPE',
    );
  });

  it('use exactly the documented placeholders', () => {
    const used = new Set<string>();
    for (const file of [MANIFEST_TEMPLATE, 'nl.json']) {
      for (const [, name] of readFileSync(join(MANIFEST_DIR, file), 'utf8').matchAll(PLACEHOLDER_PATTERN)) used.add(name ?? '');
    }
    expect([...used].sort()).toEqual(Object.keys(placeholderValues(testConfig())).sort());
  });
});
