import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bot runs as a bundle (bench/lib/bundleBot.ts): every function of it is in one file. For the profile's "where"
 * (a package, a src/ folder), a position in the bundle is looked up in its source map: the file it was built from.
 * Files without a map beside them (Node's own, the bench's) are returned as they are.
 */
export class BundleSources {
  private readonly maps = new Map<string, SourceMap | null>();

  /** The file the code at `line`, `column` (0-based) of `file` (a path or file: URL) came from. */
  fileOf(file: string, line: number, column: number): string {
    const path = file.startsWith('file:') ? fileURLToPath(file) : file;
    const map = this.mapOf(path);
    if (!map) return file;
    const entry = map.findEntry(line, column);
    return 'originalSource' in entry ? resolve(dirname(path), entry.originalSource) : file;
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
