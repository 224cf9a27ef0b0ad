import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../../tools/require-node.js');

/** Runs tools/require-node.js, as `npm test` does first, against a package.json with these engines. */
function run(engines: string): { status: number | null; stdout: string; stderr: string } {
  const root = mkdtempSync(join(tmpdir(), 'do-require-node-'));
  try {
    mkdirSync(join(root, 'tools'));
    copyFileSync(SCRIPT, join(root, 'tools/require-node.js'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ engines: { node: engines } }));
    const result = spawnSync(process.execPath, [join(root, 'tools/require-node.js')], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('tools/require-node.js (the first step of npm test)', () => {
  const [major] = process.versions.node.split('.').map(Number) as [number];

  it('says which Node it runs on when that Node meets the engines', () => {
    expect(run(`>=${major}.0 <${major + 1}`)).toEqual({ status: 0, stdout: `Node ${process.version} (${process.execPath})\n`, stderr: '' });
  });

  it('fails loudly on an older Node, naming it and the engines it needs', () => {
    const result = run(`>=${major + 1}.0 <${major + 2}`);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `!! This is Node ${process.version}; the project needs Node >=${major + 1}.0 <${major + 2} (package.json "engines").`,
    );
  });

  it('fails on an older minor of the same major (24.x before 24.15 warns about node:sqlite on every start)', () => {
    const minor = Number(process.versions.node.split('.')[1]);
    expect(run(`>=${major}.${minor + 1} <${major + 1}`).status).toBe(1);
  });

  it('fails on a newer major than the engines allow', () => {
    expect(run(`>=${major - 1}.0 <${major}`).status).toBe(1);
  });
});
