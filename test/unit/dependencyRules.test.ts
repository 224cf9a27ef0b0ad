import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const CLI = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'dependency-rules');

interface Violation {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

/**
 * Runs dependency-cruiser with the project's own rules on a fixture's `src/` and `bench/`: with its default report, as
 * `npm test` runs it on the product (the exit code is the number of errors), and as JSON to see each violation.
 */
async function cruise(fixture: string): Promise<{ exitCode: number; violations: Violation[] }> {
  const { exitCode } = await run(fixture, []);
  const json = await run(fixture, ['--output-type', 'json']);
  return { exitCode, violations: (JSON.parse(json.stdout) as { summary: { violations: Violation[] } }).summary.violations };
}

function run(fixture: string, args: string[]): Promise<{ exitCode: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, '--config', CONFIG, ...args, 'src', 'bench'],
      { cwd: path.join(FIXTURES, fixture), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error && typeof error.code !== 'number') reject(new Error(`dependency-cruiser did not run: ${error.message}`));
        else resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout });
      },
    );
  });
}

const found = (violations: Violation[]) =>
  violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^(\.\.\/)+/, '')}`).sort((a, b) => a.localeCompare(b));

describe('the dependency rules (.dependency-cruiser.cjs)', () => {
  it('fail on cycles and on every kind of forbidden import, naming each', async () => {
    const { exitCode, violations } = await cruise('violations');

    expect(exitCode).toBe(18);
    expect(found(violations)).toEqual([
      'bearer-keys-for-config-and-webhook: src/identity/signIn.ts → src/bearerKeys.ts',
      'bearerKeys-imports-only-itself: src/bearerKeys.ts → src/core/userKey.ts',
      'bench-reaches-the-product-through-lib-product: bench/scenarios/finish.ts → src/tasks/finish.ts',
      'botbuilder-and-restify-only-at-the-edge: src/http/body.ts → node_modules/restify/lib/index.js',
      'botbuilder-and-restify-only-at-the-edge: src/notifications/outbox.ts → node_modules/restify/lib/index.js',
      'cards-imports-only-core-i18n-digioffice-appFolders: src/cards/render.ts → src/tasks/finish.ts',
      'contract-only-for-server: src/notifications/webhook.ts → src/notifications/openapi.ts',
      'core-imports-only-itself: src/core/userKey.ts → src/tasks/finish.ts',
      'digioffice-imports-only-core: src/digioffice/client.ts → src/identity/signIn.ts',
      'http-imports-only-core: src/http/limits.ts → src/bot/names.ts',
      'http-only-for-server: src/bot/router.ts → src/http/body.ts',
      'identity-imports-only-core-storage-digioffice-i18n: src/identity/signIn.ts → src/bearerKeys.ts',
      'no-folder-cycle: src/bot → src/http',
      'no-folder-cycle: src/cards → src/tasks',
      'no-folder-cycle: src/http → src/bot',
      'no-folder-cycle: src/tasks → src/cards',
      'no-module-cycle: src/cards/render.ts → src/tasks/finish.ts',
      'tasks-imports-only-core-storage-digioffice-i18n-commands: src/tasks/finish.ts → src/cards/render.ts',
    ]);
    expect(violations.every((v) => v.rule.severity === 'error')).toBe(true);
  });

  it('pass a tree that keeps them: the kernel imports nothing, the bot talks to botbuilder and the use cases, server.ts to http/', async () => {
    await expect(cruise('clean')).resolves.toEqual({ exitCode: 0, violations: [] });
  });
});
