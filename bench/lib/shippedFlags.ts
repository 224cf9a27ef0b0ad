import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

/**
 * The Node flags the product ships with: those of package.json's `start` script (`node <flags> dist/index.js`), which
 * the container image's CMD repeats (test/unit/manifest/dockerfile.test.ts holds them equal). Every bot process of the
 * bench runs with them unless `--bot-node-flags` says otherwise, so the figures measure the process as shipped.
 */
export function shippedNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = (pkg.scripts.start ?? '').split(/\s+/).filter(Boolean);
  if (words[0] !== 'node' || words[words.length - 1] !== 'dist/index.js')
    throw new Error(`package.json "start" is not "node [flags] dist/index.js": ${pkg.scripts.start}`);
  return words.slice(1, -1);
}
