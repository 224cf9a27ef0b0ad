import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Names of design documents that live outside this repository; code and docs cite docs/ instead. */
const OUTSIDE_DOCUMENT = /\bDESIGN(\.md| §)|\bSTYLE(\.md| §)|teams-platform\.md|digioffice-api\.md|npm-stack\.md|\breference\/[\w-]+\.md/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path);
    return /\.(ts|js|cjs|json|md)$/.test(entry.name) ? [path] : [];
  });
}

describe('the repository stands on its own', () => {
  it('cites no document outside it, in src/, tools/, bench/, cards/, docs/ or the README', () => {
    const files = [...['src', 'tools', 'bench', 'cards', 'docs'].flatMap((dir) => filesUnder(join(ROOT, dir))), join(ROOT, 'README.md')];
    const citing = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (OUTSIDE_DOCUMENT.test(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [])),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(citing).toEqual([]);
  });

  it('recognises such a citation', () => {
    expect(
      ['see DESIGN §6', 'as in teams-platform.md', 'reference/digioffice-api.md says'].map((line) => OUTSIDE_DOCUMENT.test(line)),
    ).toEqual([true, true, true]);
  });
});
