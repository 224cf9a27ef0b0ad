import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, PRODUCT_ENTRIES, REPO_ROOT } from '../../tools/bundle/bundle';

/**
 * Builds the product as `npm run build` does (tools/bundle/bundle.ts) into `root`/dist, laid out as the container image
 * is: `root`/cards and `root`/web beside it (links to the repository's), and `root`/node_modules for the packages the
 * build leaves out. Returns the path of the entry to run (`root`/dist/index.js).
 */
export async function buildShipped(root: string): Promise<string> {
  await bundle(PRODUCT_ENTRIES, join(root, 'dist'));
  for (const folder of ['cards', 'web', 'node_modules']) symlinkSync(join(REPO_ROOT, folder), join(root, folder), 'dir');
  return join(root, 'dist', 'index.js');
}
