import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const MB = 1024 * 1024;
/** V8 maps its heap one page at a time, 256 KB each: an anonymous mapping of exactly that size is a V8 heap page. */
const V8_PAGE = 256 * 1024;

/** Where a process's resident memory is, in MB: what `memory` reports in results.json besides `process.memoryUsage()`. */
export interface MemoryDetail {
  rss: number;
  /** Resident pages of files mapped into the process: mostly the Node binary's code. */
  files: number;
  /** Resident V8 heap pages (anonymous mappings of exactly 256 KB; large objects and code are in otherAnonymous). */
  v8Pages: number;
  /** The rest of the anonymous memory: malloc (SQLite's page cache, buffers, V8's own tables), thread stacks. */
  otherAnonymous: number;
  /** V8 heap spaces: committed size and what is in use, in MB. */
  heapSpaces: Record<string, { size: number; used: number }>;
}

/** Reads /proc/self/smaps (Linux); elsewhere only the heap spaces and RSS are filled in. */
export function memoryDetail(): MemoryDetail {
  const detail: MemoryDetail = { rss: round(process.memoryUsage().rss), files: 0, v8Pages: 0, otherAnonymous: 0, heapSpaces: {} };
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_size === 0) continue;
    detail.heapSpaces[space.space_name] = { size: round(space.space_size), used: round(space.space_used_size) };
  }
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return detail;
  }
  let kind: 'files' | 'v8Pages' | 'otherAnonymous' = 'otherAnonymous';
  const bytes = { files: 0, v8Pages: 0, otherAnonymous: 0 };
  for (const line of text.split('\n')) {
    const range = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (range) {
      const size = parseInt(range[2] as string, 16) - parseInt(range[1] as string, 16);
      const name = range[3] ?? '';
      if (name.startsWith('/')) kind = 'files';
      else if (name === '' && size === V8_PAGE) kind = 'v8Pages';
      else kind = 'otherAnonymous';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) bytes[kind] += Number(rss[1]) * 1024;
  }
  return { ...detail, files: round(bytes.files), v8Pages: round(bytes.v8Pages), otherAnonymous: round(bytes.otherAnonymous) };
}

function round(bytes: number): number {
  return Math.round((bytes / MB) * 10) / 10;
}
