import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bot runs as a bundle (bench/lib/bundleBot.ts): every function of it is in one file, some under names esbuild
 * gave them (`parse2`, where two modules had a `parse`). For the profile's "where" (a package, a src/ folder) and "who", a position in the bundle is looked up in its
 * source map: the file it was built from, and the name its source gave it. Files without a map beside them (Node's
 * own) are returned as they are.
 */
export class BundleSources {
  private readonly maps = new Map<string, SourceMap | null>();
  private readonly sourceLines = new Map<string, string[]>();
  private readonly classes = new Map<string, string | null>();
  private readonly origins = new Map<string, Origin>();

  /** The file the code at `line`, `column` (0-based) of `file` (a path or file: URL) came from. */
  fileOf(file: string, line: number, column: number): string {
    return this.originOf(file, line, column).file;
  }

  /** Where the code at `line`, `column` (0-based) of `file` came from (`line` null outside a bundle). */
  originOf(file: string, line: number, column: number): Origin {
    const key = `${file}:${line}:${column}`;
    let origin = this.origins.get(key);
    if (!origin) {
      origin = this.lookUp(file, line, column);
      this.origins.set(key, origin);
    }
    return origin;
  }

  private lookUp(file: string, line: number, column: number): Origin {
    const path = file.startsWith('file:') ? fileURLToPath(file) : file;
    const map = this.mapOf(path);
    if (!map) return { file, line: null, name: null };
    // A position before the first mapping of its line has none (Node answers an empty object, or no source).
    const entry: { originalSource?: string; originalLine?: number; generatedColumn?: number; name?: string } = map.findEntry(line, column);
    if (typeof entry.originalSource !== 'string') return { file, line: null, name: null };
    // A function starts a few characters after its name's mapping (`function Yxi(`): the name the source gave it.
    const named = entry.name && column - (entry.generatedColumn ?? -Infinity) <= 16 ? entry.name : null;
    return { file: resolve(dirname(path), entry.originalSource), line: entry.originalLine ?? null, name: named };
  }

  /** The nearest `class` declared at or above `line` (0-based) of a source file: a bundled method's class. */
  classAt(file: string, line: number): string | null {
    const key = `${file}:${line}`;
    if (!this.classes.has(key)) this.classes.set(key, this.findClass(file, line));
    return this.classes.get(key) ?? null;
  }

  private findClass(file: string, line: number): string | null {
    let lines = this.sourceLines.get(file);
    if (!lines) {
      lines = readFileSync(file, 'utf8').split('\n');
      this.sourceLines.set(file, lines);
    }
    for (let at = Math.min(line, lines.length - 1); at >= 0; at--) {
      const declared = /^(?:export )?(?:abstract )?class (\w+)/.exec(lines[at] ?? '');
      if (declared) return declared[1] ?? null;
    }
    return null;
  }

  private mapOf(path: string): SourceMap | null {
    let map = this.maps.get(path);
    if (map === undefined) {
      map =
        path.endsWith('.js') && existsSync(`${path}.map`)
          ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')) as SourceMapPayload)
          : null;
      this.maps.set(path, map);
    }
    return map;
  }
}

export interface Origin {
  /** The source file (or the file as given, outside a bundle). */
  file: string;
  /** Its 0-based line, null outside a bundle. */
  line: number | null;
  /** The name the source gave the identifier that starts just before the position (minified names are not it). */
  name: string | null;
}
