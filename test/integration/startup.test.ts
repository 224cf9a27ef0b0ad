import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm start` runs src/index.ts compiled; here the same entry runs through tsx, in a folder without a .env. */
function start(env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'do-start-'));
  try {
    return spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, '../../src/index.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

describe('the production entry point', () => {
  it('refuses to start on an invalid config, listing every problem, and exits 1', () => {
    const result = start({ DIGIOFFICE_BASE_URL: 'not a url', BOT_ALLOW_ANONYMOUS: 'true', HOST: '0.0.0.0' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'Invalid configuration:',
        '  - DIGIOFFICE_BASE_URL must be an http(s) URL',
        '  - NOTIFY_API_KEY is required',
        '  - TOKEN_ENCRYPTION_KEY is required (base64 of 32 random bytes)',
        '  - HOST must be a loopback address (127.0.0.1, ::1, localhost) when BOT_ALLOW_ANONYMOUS=true, got 0.0.0.0',
        'See .env.example for every variable.',
        '',
      ].join('\n'),
    );
  });
});
