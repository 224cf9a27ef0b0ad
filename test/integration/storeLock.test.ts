import { readdirSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { spawnBot, useBotProcesses } from '../helpers/botProcess';

/** One process per STORAGE_DIR, shown with real processes: the lock is an exclusive SQLite lock on digioffice-tasks.lock, held by the operating system. */
describe('STORAGE=sqlite: one bot process per data folder', () => {
  const processes = useBotProcesses('store-lock');
  const dataDir = () => join(processes.root, 'data');

  const start = () => spawnBot({ digiOfficeUrl: processes.sim.url, storageDir: dataDir() });
  const healthy = async (url: string) => (await fetch(`${url}/healthz`)).status;

  it('creates the data folder 0700 and its files 0600', async () => {
    const bot = start();
    expect(await healthy(await bot.listening)).toBe(200);
    expect(statSync(dataDir()).mode & 0o777).toBe(0o700);
    const files = readdirSync(dataDir());
    expect(files.sort()).toEqual([
      'digioffice-tasks.lock',
      'digioffice-tasks.owner.json',
      'digioffice-tasks.sqlite',
      'digioffice-tasks.sqlite-shm',
      'digioffice-tasks.sqlite-wal',
    ]);
    for (const name of files) expect([name, statSync(join(dataDir(), name)).mode & 0o777]).toEqual([name, 0o600]);
    expect(await bot.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('refuses a second process on the same folder with one line naming it, and the first keeps running', async () => {
    const first = start();
    const url = await first.listening;

    const second = start();
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.stdout()).toBe('');
    expect(second.stderr()).toMatch(
      new RegExp(
        `^Cannot start: STORAGE_DIR ${escape(dataDir())} is in use by another bot process \\(pid ${first.pid} on ${escape(hostname())}, ` +
          'started [0-9T:.-]+Z\\)\\. One process per STORAGE_DIR: stop the other one, or use STORAGE=azure to run several instances\\.\\n$',
      ),
    );

    expect(await healthy(url)).toBe(200);
    expect(await first.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('starts again at once after the holder was killed with SIGKILL', async () => {
    const first = start();
    await first.listening;
    expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

    const next = start();
    expect(await healthy(await next.listening)).toBe(200);
    expect(next.stderr()).toBe('');
    expect(await next.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
