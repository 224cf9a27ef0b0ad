/**
 * esbuild writes its output as ASCII (charset `ascii`) except inside regular expression literals, which it leaves as
 * written: `/[“”„«]/` in src/commands, an en dash in chrono-node, `〇` in fast-redact. One such character makes V8
 * hold the whole bundle's source as a two-byte string: twice its size in memory for as long as the process runs. So
 * after the build every character above U+007F is written as a `\uXXXX` escape (one per UTF-16 unit: the same
 * character in a regular expression, with or without the `u` flag, and in a string or comment), and the source map's
 * columns after each one on its line are moved by the characters it added.
 */
export function asciiOnly(code: string, map: SourceMapJson): { code: string; map: SourceMapJson } {
  const lines = code.split('\n');
  const mappings = map.mappings.split(';');
  const escapedLines = lines.map((line, index) => {
    if (!/[^ -~\t\n\r]/.test(line)) return line;
    let shifted = '';
    const added: Array<{ column: number; extra: number }> = [];
    for (let column = 0; column < line.length; column++) {
      const unit = line.charCodeAt(column);
      if (unit <= 0x7f) {
        shifted += line[column];
        continue;
      }
      shifted += `\\u${unit.toString(16).padStart(4, '0')}`;
      added.push({ column, extra: 5 });
    }
    mappings[index] = shiftColumns(mappings[index] ?? '', added);
    return shifted;
  });
  return { code: escapedLines.join('\n'), map: { ...map, mappings: mappings.join(';') } };
}

export interface SourceMapJson {
  mappings: string;
  [field: string]: unknown;
}

/**
 * One line of a source map's mappings with every segment after an escaped character moved right. A segment's first
 * field is its generated column, relative to the segment before it on the line: only the first segment after each
 * escape needs the characters added.
 */
function shiftColumns(line: string, added: Array<{ column: number; extra: number }>): string {
  if (line === '') return line;
  const segments = line.split(',');
  let column = 0;
  let next = 0;
  return segments
    .map((segment) => {
      const fields = decodeVlq(segment);
      column += fields[0] ?? 0;
      let extra = 0;
      while (next < added.length && (added[next]?.column ?? Infinity) < column) extra += added[next++]?.extra ?? 0;
      if (extra === 0) return segment;
      return encodeVlq([(fields[0] ?? 0) + extra, ...fields.slice(1)]);
    })
    .join(',');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

function encodeVlq(values: number[]): string {
  return values
    .map((value) => {
      let rest = value < 0 ? (-value << 1) | 1 : value << 1;
      let out = '';
      do {
        let digit = rest & 31;
        rest >>>= 5;
        if (rest > 0) digit |= 32;
        out += BASE64[digit];
      } while (rest > 0);
      return out;
    })
    .join('');
}
