import { PNG } from 'pngjs';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './icons';
import { problem, type Problem } from './problem';

/** The keys of `manifest.icons`. */
export type IconKind = 'color' | 'outline' | 'color32x32';

const SIZES: Record<IconKind, number> = { color: COLOR_ICON_SIZE, outline: OUTLINE_ICON_SIZE, color32x32: 32 };

function decode(data: Buffer): PNG | Error {
  try {
    return PNG.sync.read(data);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The outline icon is a white glyph on transparency: every pixel is fully transparent or white. */
function checkWhiteOnTransparent(fileName: string, png: PNG): Problem[] {
  let opaque = 0;
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = [png.data[i * 4], png.data[i * 4 + 1], png.data[i * 4 + 2], png.data[i * 4 + 3]];
    if (a === 0) continue;
    opaque++;
    if (r !== 255 || g !== 255 || b !== 255) {
      const x = i % png.width;
      const y = Math.floor(i / png.width);
      return [problem(fileName, `pixel (${x}, ${y}) is rgba(${r}, ${g}, ${b}, ${a}); only white or fully transparent pixels are allowed`)];
    }
  }
  return opaque === 0 ? [problem(fileName, 'is fully transparent; the white glyph is missing')] : [];
}

export function checkIcon(fileName: string, data: Buffer, kind: IconKind): Problem[] {
  const png = decode(data);
  if (png instanceof Error) return [problem(fileName, `is not a readable PNG (${png.message})`)];
  const size = SIZES[kind];
  if (png.width !== size || png.height !== size) {
    return [problem(fileName, `${png.width}×${png.height}, expected ${size}×${size}`)];
  }
  return kind === 'outline' ? checkWhiteOnTransparent(fileName, png) : [];
}
