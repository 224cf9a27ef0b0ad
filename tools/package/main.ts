// `npm run package [-- --out DIR]`: builds the Teams app package from the environment (and .env) and validates it.
import { readFileSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { requiredDomains, writeAppPackage } from './build';
import { readPackageConfig } from './config';
import { DEFAULT_OUT_DIR, MANIFEST_DIR, REPO_ROOT } from './paths';
import { formatProblem } from './problem';
import { validateAppPackage } from './validate';

function outDirFromArgs(args: readonly string[]): string {
  const i = args.indexOf('--out');
  const dir = i >= 0 ? args[i + 1] : undefined;
  return dir ? resolve(dir) : DEFAULT_OUT_DIR;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '';
}

function fail(heading: string, lines: readonly string[]): void {
  console.error(`${heading}\n${lines.map((line) => `  - ${line}`).join('\n')}`);
  process.exitCode = 1;
}

function main(): void {
  loadDotenv({ quiet: true });
  const result = readPackageConfig(process.env, packageVersion());
  if (!result.ok) return fail('Cannot build the Teams app package; fix these settings (environment or .env):', result.problems);
  for (const used of result.defaultsUsed) console.log(`default: ${used}`);

  const zipPath = writeAppPackage(result.config, MANIFEST_DIR, outDirFromArgs(process.argv.slice(2)));
  const shown = relative(process.cwd(), zipPath) || zipPath;
  const problems = validateAppPackage(zipPath, { requiredDomains: requiredDomains(result.config) });
  if (problems.length > 0) {
    rmSync(zipPath, { force: true });
    return fail(`The app package is invalid (${shown} was removed):`, problems.map(formatProblem));
  }
  console.log(`Teams app package OK: ${shown}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
