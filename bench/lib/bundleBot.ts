import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, PRODUCT_ENTRIES, REPO_ROOT } from '../../tools/bundle/bundle';

/**
 * The bot runs as production runs it: the shipped build's JavaScript on Node, no TypeScript loader in the process
 * (tsx would add its own memory and startup to what the memory figure measures). The bench's bot launcher
 * (bench/children/bot.ts, which wraps the product's createApp) is bundled with the product's own build
 * (tools/bundle/bundle.ts: the same options, the writer thread's entry beside it) into `outDir`/dist, and `outDir`
 * gets links to the repository's cards/, web/ and node_modules/, so paths resolve as in the container image
 * (/app/dist, /app/cards, /app/web). Returns the launcher's path.
 */
export async function bundleBot(outDir: string): Promise<string> {
  const dist = join(outDir, 'dist');
  const launcher = { name: 'bot', source: 'bench/children/bot.ts' };
  await bundle([launcher, ...PRODUCT_ENTRIES.filter((entry) => entry.name !== 'index')], dist);
  mkdirSync(outDir, { recursive: true });
  for (const link of ['cards', 'node_modules', 'web']) symlinkSync(join(REPO_ROOT, link), join(outDir, link), 'dir');
  return join(dist, 'bot.js');
}
