import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { checkIcon } from '../../../tools/package/icon-rules';
import { drawColorIcon, drawOutlineIcon } from '../../../tools/package/icons';
import { MANIFEST_DIR } from '../../../tools/package/paths';

const committed = (name: string): PNG => PNG.sync.read(readFileSync(join(MANIFEST_DIR, name)));

function pixel(png: PNG, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4;
  return [...png.data.subarray(i, i + 4)];
}

describe('app icons', () => {
  // Pixels rather than bytes: a different zlib may compress the same image differently.
  it.each([
    ['color.png', drawColorIcon],
    ['outline.png', drawOutlineIcon],
  ])('manifest/%s is what icons.ts draws (regenerate: npx tsx tools/package/write-icons.ts)', (name, draw) => {
    const drawn = PNG.sync.read(draw());
    const file = committed(name);
    expect([file.width, file.height]).toEqual([drawn.width, drawn.height]);
    expect(file.data.equals(drawn.data)).toBe(true);
  });

  it('pass the package checks: 192×192 colour, 32×32 white on transparent', () => {
    expect(checkIcon('color.png', drawColorIcon(), 'color')).toEqual([]);
    expect(checkIcon('outline.png', drawOutlineIcon(), 'outline')).toEqual([]);
  });

  it('colour icon: accent background as in the manifest, white mark, transparent rounded corners', () => {
    const template = JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8')) as { accentColor: string };
    const accent = Number.parseInt(template.accentColor.slice(1), 16);
    const color = PNG.sync.read(drawColorIcon());
    expect(pixel(color, 20, 96)).toEqual([(accent >> 16) & 0xff, (accent >> 8) & 0xff, accent & 0xff, 255]);
    expect(pixel(color, 96, 134)).toEqual([255, 255, 255, 255]);
    expect(pixel(color, 0, 0)).toEqual([(accent >> 16) & 0xff, (accent >> 8) & 0xff, accent & 0xff, 0]);
  });

  it('outline icon: anti-aliased, i.e. has partly transparent white pixels as well as opaque ones', () => {
    const outline = PNG.sync.read(drawOutlineIcon());
    const alphas = new Set<number>();
    for (let i = 3; i < outline.data.length; i += 4) alphas.add(outline.data[i] ?? 0);
    expect(alphas.has(0)).toBe(true);
    expect(alphas.has(255)).toBe(true);
    expect([...alphas].some((a) => a > 0 && a < 255)).toBe(true);
  });
});
