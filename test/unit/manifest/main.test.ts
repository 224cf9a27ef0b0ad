import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../../../tools/package/paths';
import { readZip } from '../../../tools/package/zip';
import { TEST_ENV } from './fixtures';

const TSX_CLI = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const MAIN = join(REPO_ROOT, 'tools', 'package', 'main.ts');

let workDir: string;
beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'npm-run-package-'));
});
afterEach(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** Runs `tsx tools/package/main.ts --out <workDir>/out` as `npm run package` does, in a folder without a .env. */
function runPackage(env: Readonly<Record<string, string>>) {
  const result = spawnSync(process.execPath, [TSX_CLI, MAIN, '--out', join(workDir, 'out')], {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '', HOME: workDir, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run package (tools/package/main.ts)', () => {
  it('writes a valid package and says where', () => {
    expect(runPackage(TEST_ENV)).toEqual({ status: 0, stdout: 'Teams app package OK: out/digioffice-tasks-1.2.3.zip\n', stderr: '' });
    expect(readdirSync(join(workDir, 'out'))).toEqual(['digioffice-tasks-1.2.3.zip']);
  });

  it('reads .env from the working folder, with the environment taking precedence', () => {
    const { APP_VERSION: _version, ...rest } = TEST_ENV;
    writeFileSync(join(workDir, '.env'), 'APP_VERSION=2.0.0\nDEVELOPER_NAME=From Dotenv\n');
    expect(runPackage(rest)).toEqual({ status: 0, stdout: 'Teams app package OK: out/digioffice-tasks-2.0.0.zip\n', stderr: '' });
    const entries = readZip(readFileSync(join(workDir, 'out', 'digioffice-tasks-2.0.0.zip')));
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')?.data.toString('utf8') ?? '{}') as unknown;
    expect(manifest).toMatchObject({ version: '2.0.0', developer: { name: 'Contoso IT' } });
  });

  it('exits 1 listing every setting to fix, and writes nothing', () => {
    const { MicrosoftAppId: _botId, PUBLIC_URL: _url, ...rest } = TEST_ENV;
    expect(runPackage({ ...rest, APP_VERSION: '1.0' })).toEqual({
      status: 1,
      stdout: '',
      stderr: [
        'Cannot build the Teams app package; fix these settings (environment or .env):',
        "  - MicrosoftAppId: is required (the bot's Microsoft App ID)",
        "  - PUBLIC_URL: is required (the bot's public https base URL)",
        '  - APP_VERSION: must be MAJOR.MINOR.PATCH, e.g. 1.4.0',
        '',
      ].join('\n'),
    });
    expect(existsSync(join(workDir, 'out'))).toBe(false);
  });

  it('exits 1 and removes the zip when the built package does not validate', () => {
    // WHATWG URLs accept an underscore in a host name; Teams' validDomains (DNS host names) do not.
    expect(runPackage({ ...TEST_ENV, DIGIOFFICE_WEB_URL: 'https://digi_office.contoso.nl' })).toEqual({
      status: 1,
      stdout: '',
      stderr: [
        'The app package is invalid (out/digioffice-tasks-1.2.3.zip was removed):',
        '  - manifest.validDomains[1]: "digi_office.contoso.nl" is not a host name',
        '',
      ].join('\n'),
    });
    expect(readdirSync(join(workDir, 'out'))).toEqual([]);
  });
});
