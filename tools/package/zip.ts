import AdmZip from 'adm-zip';
import type { PackageFile } from './template';

export interface ZipEntry {
  name: string;
  isDirectory: boolean;
  data: Buffer;
}

/** A fixed entry time keeps the zip's bytes a function of its contents only. */
const ENTRY_TIME = new Date(2000, 0, 1, 0, 0, 0);

export function createZip(files: readonly PackageFile[]): Buffer {
  const zip = new AdmZip();
  for (const file of files) {
    const entry = zip.addFile(file.name, file.data);
    entry.header.time = ENTRY_TIME;
  }
  return zip.toBuffer();
}

/** Throws when `data` is not a zip archive. */
export function readZip(data: Buffer): ZipEntry[] {
  return new AdmZip(data).getEntries().map((entry) => ({
    name: entry.entryName,
    isDirectory: entry.isDirectory,
    data: entry.isDirectory ? Buffer.alloc(0) : entry.getData(),
  }));
}
