import { SourceMap, type SourceMapPayload } from 'node:module';
import { runInNewContext } from 'node:vm';
import { transform } from 'esbuild';
import { asciiOnly, type SourceMapJson } from '../../../tools/bundle/asciiOutput';
import { sameCopies } from '../../../tools/bundle/bundle';

describe('asciiOnly (the bundle written as ASCII, its source map moved to match)', () => {
  const source = [
    'export const quote = /[“”„«]/u;',
    'export function after(text: string): boolean {',
    '  return quote.test(text) && text !== "〇";',
    '}',
    '',
  ].join('\n');

  async function built(): Promise<{ code: string; map: SourceMapJson }> {
    // esbuild leaves regular expression literals as written (its ASCII charset escapes strings only).
    const result = await transform(source, {
      loader: 'ts',
      format: 'cjs',
      sourcemap: 'external',
      minifyWhitespace: true,
      charset: 'ascii',
    });
    return { code: result.code, map: JSON.parse(result.map) as SourceMapJson };
  }

  /** Where in the source the first occurrence of `text` in `code` comes from, through `map`. */
  function origin(code: string, map: SourceMapJson, text: string): { line: number; column: number } {
    const lines = code.split('\n');
    const line = lines.findIndex((l) => l.includes(text));
    const entry = new SourceMap(map as unknown as SourceMapPayload).findEntry(line, lines[line]?.indexOf(text) ?? -1);
    return { line: 'originalLine' in entry ? entry.originalLine : -1, column: 'originalColumn' in entry ? entry.originalColumn : -1 };
  }

  it('escapes every character above U+007F, keeps what the code does, and maps the code after it to the same source', async () => {
    const { code, map } = await built();
    expect(code).toMatch(/[“”„«]/);

    const ascii = asciiOnly(code, map);
    expect(ascii.code).not.toMatch(/[\u0080-\uffff]/);
    expect(ascii.code).toContain('/[\\u201c\\u201d\\u201e\\u00ab]/u');

    for (const text of ['function after', 'quote.test', 'text!==']) {
      expect(origin(ascii.code, ascii.map, text)).toEqual(origin(code, map, text));
    }
    const load = (text: string) => {
      const module = { exports: {} as { after: (s: string) => boolean } };
      runInNewContext(text, { module, exports: module.exports });
      return module.exports.after;
    };
    for (const input of ['„quoted“', 'plain', '〇', '«x»']) expect(load(ascii.code)(input)).toBe(load(code)(input));
  });

  it('leaves an ASCII line and its mappings alone', () => {
    const map = { version: 3, mappings: 'AAAA,SAAS;AACA' };
    expect(asciiOnly('const a = 1;\nconst b = 2;', map)).toEqual({ code: 'const a = 1;\nconst b = 2;', map });
  });
});

describe('sameCopies (identical copies of a package bundled once)', () => {
  const zod = { version: '3.25.76', integrity: 'sha512-same' };
  it('sends the copies with the same version and integrity and no dependencies of their own to the shortest path', () => {
    const used = sameCopies({
      '': { version: '1.0.0' },
      'node_modules/zod': { version: '4.6.7', integrity: 'sha512-four' },
      'node_modules/botbuilder/node_modules/zod': zod,
      'node_modules/botbuilder-core/node_modules/zod': zod,
      'node_modules/botframework-schema/node_modules/zod': zod,
      // Same version, other files: not the same copy.
      'node_modules/other/node_modules/zod': { version: '3.25.76', integrity: 'sha512-other' },
      // Dependencies of its own could resolve differently from each copy's place: left alone.
      'node_modules/a/node_modules/uses-deps': { version: '1.0.0', integrity: 'sha512-d', dependencies: { x: '^1' } },
      'node_modules/b/node_modules/uses-deps': { version: '1.0.0', integrity: 'sha512-d', dependencies: { x: '^1' } },
      // A linked workspace folder is not an installed copy.
      'node_modules/linked': { link: true, version: '1.0.0', integrity: 'sha512-l' },
    });
    expect(Object.fromEntries(used)).toEqual({
      'node_modules/botbuilder-core/node_modules/zod': 'node_modules/botbuilder/node_modules/zod',
      'node_modules/botframework-schema/node_modules/zod': 'node_modules/botbuilder/node_modules/zod',
    });
  });
});
