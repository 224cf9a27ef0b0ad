/**
 * `npm run build`: the shipped build in dist/ (docs/deployment.md, "Build"): dist/index.js, the process, and
 * dist/sqliteWriterWorker.js, the embedded store's writer thread, each with its source map and licences.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, PRODUCT_ENTRIES, REPO_ROOT } from './bundle';

async function main(): Promise<void> {
  const outDir = join(REPO_ROOT, 'dist');
  rmSync(outDir, { recursive: true, force: true });
  await bundle(PRODUCT_ENTRIES, outDir);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
