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

/**
 * The malloc settings the container image sets (`ENV MALLOC_…` in the Dockerfile; docs/deployment.md, "Memory"):
 * every bot process of the bench gets them, so the memory figure measures the process as shipped. A variable of the
 * same name in the bench's own environment wins (to measure without, or with another value).
 */
export function shippedEnvironment(own: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
  const settings = dockerfile
    .split('\n')
    .filter((line) => line.startsWith('ENV '))
    .flatMap((line) => line.slice(4).trim().split(/\s+/))
    .map((setting) => setting.split('=', 2) as [string, string])
    .filter(([name]) => name.startsWith('MALLOC_') && own[name] === undefined);
  return Object.fromEntries(settings);
}
