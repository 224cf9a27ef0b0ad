import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

/** A file served as is at a fixed path. */
export interface StaticFile {
  /** The URL path it is served at. */
  path: string;
  /** Where it is on disk. */
  file: string;
  contentType: string;
}

/** A file read once, at start, and served from memory. */
export interface LoadedFile {
  path: string;
  contentType: string;
  body: Buffer;
}

/** Reads every file now, so a missing one stops the start rather than a sign-in later. */
export function loadStaticFiles(files: StaticFile[]): LoadedFile[] {
  return files.map(({ path, file, contentType }) => ({ path, contentType, body: readFileSync(file) }));
}

export function sendStaticFile(res: ServerResponse, file: LoadedFile): void {
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': file.body.length,
    'Cache-Control': 'public, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(file.body);
}
