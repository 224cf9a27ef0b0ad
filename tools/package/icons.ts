import { PNG } from 'pngjs';

/** The manifest's `accentColor`; the colour icon's background is this colour. */
export const ACCENT_COLOR = '#1E63B0';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/**
 * The mark: a ticked checkbox ("a task, done"), drawn as signed distance fields so that edges are
 * anti-aliased exactly and the output is deterministic. Coordinates are in glyph units (a 24×24 grid).
 */
interface GlyphStyle {
  /** pixels per glyph unit */
  scale: number;
  /** top-left of the glyph grid, in pixels */
  offset: number;
  /** stroke widths, in pixels */
  boxStroke: number;
  checkStroke: number;
  /** gap cut into the box around the tick, in pixels */
  gap: number;
}

const BOX = { cx: 10, cy: 13, half: 7.5, radius: 2.5 };
const TICK: ReadonlyArray<readonly [number, number]> = [
  [6.5, 12.5],
  [10, 16],
  [21, 4],
];

const COLOR_GLYPH: GlyphStyle = { scale: 5, offset: 36, boxStroke: 10, checkStroke: 13, gap: 5 };
const OUTLINE_GLYPH: GlyphStyle = { scale: OUTLINE_ICON_SIZE / 24, offset: 0, boxStroke: 2.2, checkStroke: 2.8, gap: 1.2 };
const COLOR_BACKGROUND_RADIUS = 40;

function roundedBoxDistance(px: number, py: number, cx: number, cy: number, half: number, radius: number): number {
  const qx = Math.abs(px - cx) - (half - radius);
  const qy = Math.abs(py - cy) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Signed distance in pixels from pixel centre (x, y) to the glyph; negative inside. */
function glyphDistance(x: number, y: number, style: GlyphStyle): number {
  const px = x + 0.5;
  const py = y + 0.5;
  const at = (u: number): number => style.offset + u * style.scale;
  let tickCentre = Infinity;
  for (let i = 1; i < TICK.length; i++) {
    const [ax, ay] = TICK[i - 1] ?? [0, 0];
    const [bx, by] = TICK[i] ?? [0, 0];
    tickCentre = Math.min(tickCentre, segmentDistance(px, py, at(ax), at(ay), at(bx), at(by)));
  }
  const tick = tickCentre - style.checkStroke / 2;
  const boxEdge = roundedBoxDistance(px, py, at(BOX.cx), at(BOX.cy), BOX.half * style.scale, BOX.radius * style.scale);
  const ring = Math.abs(boxEdge) - style.boxStroke / 2;
  const ringWithGap = Math.max(ring, -(tick - style.gap));
  return Math.min(ringWithGap, tick);
}

function coverage(distance: number): number {
  return Math.min(1, Math.max(0, 0.5 - distance));
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function encode(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}

/** 192×192 colour icon: a rounded square in the accent colour with the white mark. */
export function drawColorIcon(): Buffer {
  const size = COLOR_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const [r, g, b] = hexToRgb(ACCENT_COLOR);
  const half = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const background = coverage(roundedBoxDistance(x + 0.5, y + 0.5, half, half, half, COLOR_BACKGROUND_RADIUS));
      const mark = coverage(glyphDistance(x, y, COLOR_GLYPH));
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(r + (255 - r) * mark);
      png.data[i + 1] = Math.round(g + (255 - g) * mark);
      png.data[i + 2] = Math.round(b + (255 - b) * mark);
      png.data[i + 3] = Math.round(255 * background);
    }
  }
  return encode(png);
}

/** 32×32 outline icon: the mark in white on a fully transparent background (Teams tints it). */
export function drawOutlineIcon(): Buffer {
  const size = OUTLINE_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * coverage(glyphDistance(x, y, OUTLINE_GLYPH)));
    }
  }
  return encode(png);
}
