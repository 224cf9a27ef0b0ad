import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { startAzurite, uniqueContainer } from '../helpers/azurite';
import { spawnBot, useBotProcesses } from '../helpers/botProcess';
import { buildShipped } from '../helpers/shippedBuild';

const AZURE_SDK = `${sep}node_modules${sep}@azure${sep}storage-blob${sep}`;
const AZURE_BACKEND = join('src', 'storage', 'azureBlobStorage.ts');
const SQLITE_BACKEND = join('src', 'storage', 'sqliteStorage.ts');
const CHRONO_LOCALES = `${sep}node_modules${sep}chrono-node${sep}dist${sep}cjs${sep}locales${sep}`;

/** Nothing is loaded that the configuration does not use: the bot on SQLite never loads the Azure SDK. */
describe('the modules a bot process loads', () => {
  const processes = useBotProcesses('loaded-modules');

  /**
   * Starts the bot (from the sources, or the shipped build `built`), asks it /readyz (which reads the storage), stops
   * it; the files of every module it loaded.
   */
  async function modulesLoadedWith(env: Record<string, string>, built?: string): Promise<string[]> {
    const list = join(processes.root, 'modules.txt');
    const bot = spawnBot({
      digiOfficeUrl: processes.sim.url,
      storageDir: join(processes.root, 'data'),
      env: { ...env, LOADED_MODULES_FILE: list },
      preload: [require.resolve('../helpers/reportLoadedModules')],
      ...(built ? { built } : {}),
    });
    const url = await bot.listening;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(await bot.stop()).toEqual({ code: 0, signal: null });
    return readFileSync(list, 'utf8').split('\n').filter(Boolean);
  }

  it('with STORAGE=sqlite (the default): the SQLite backend, never the Azure SDK or the Azure backend', async () => {
    const files = await modulesLoadedWith({});
    expect(files.filter((file) => file.endsWith(SQLITE_BACKEND))).toHaveLength(1);
    expect(files.filter((file) => file.includes(AZURE_SDK) || file.endsWith(AZURE_BACKEND))).toEqual([]);
  }, 60_000);

  it("of chrono's languages only English and Dutch, the two the chat understands", async () => {
    const languages = new Set(
      (await modulesLoadedWith({}))
        .filter((file) => file.includes(CHRONO_LOCALES))
        .map((file) => file.split(CHRONO_LOCALES)[1]?.split(sep)[0]),
    );
    expect([...languages].sort()).toEqual(['en', 'nl']);
  }, 60_000);

  it('with STORAGE=azure: the Azure SDK and backend (so the check above can see them)', async () => {
    const azurite = await startAzurite();
    try {
      const files = await modulesLoadedWith({
        STORAGE: 'azure',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        AZURE_STORAGE_CONTAINER: uniqueContainer('modules'),
      });
      expect(files.filter((file) => file.endsWith(AZURE_BACKEND))).toHaveLength(1);
      expect(files.some((file) => file.includes(AZURE_SDK))).toBe(true);
    } finally {
      await azurite.stop();
    }
  }, 60_000);

  describe('the shipped build (one bundle; the Azure SDK left out of it, for STORAGE=azure to require)', () => {
    const buildRoot = mkdtempSync(join(tmpdir(), 'loaded-modules-build-'));
    let built = '';
    beforeAll(async () => {
      built = await buildShipped(buildRoot);
    }, 120_000);
    afterAll(() => rmSync(buildRoot, { recursive: true, force: true }));

    it("with STORAGE=sqlite: the bundle and no package from node_modules but restify's optional DTrace probes", async () => {
      const files = await modulesLoadedWith({}, built);
      expect(files.filter((file) => file.includes(AZURE_SDK))).toEqual([]);
      expect(files.filter((file) => file.startsWith(join(buildRoot, 'dist')))).toEqual([built]);
      const packages = new Set(files.flatMap((file) => /[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(file)?.[1] ?? []));
      expect([...packages]).toEqual(['dtrace-provider']);
    }, 60_000);

    it('with STORAGE=azure: the Azure SDK, required from node_modules', async () => {
      const azurite = await startAzurite();
      try {
        const files = await modulesLoadedWith(
          {
            STORAGE: 'azure',
            AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
            AZURE_STORAGE_CONTAINER: uniqueContainer('modules-built'),
          },
          built,
        );
        expect(files.some((file) => file.includes(AZURE_SDK))).toBe(true);
      } finally {
        await azurite.stop();
      }
    }, 60_000);
  });
});
