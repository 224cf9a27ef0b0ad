// Regenerates manifest/color.png and manifest/outline.png from icons.ts (`npx tsx tools/package/write-icons.ts`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawColorIcon, drawOutlineIcon } from './icons';
import { MANIFEST_DIR } from './paths';

const targets: ReadonlyArray<[string, Buffer]> = [
  ['color.png', drawColorIcon()],
  ['outline.png', drawOutlineIcon()],
];
for (const [name, data] of targets) {
  writeFileSync(join(MANIFEST_DIR, name), data);
  console.log(`wrote manifest/${name} (${data.length} bytes)`);
}
