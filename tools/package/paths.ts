import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const MANIFEST_DIR = join(REPO_ROOT, 'manifest');
export const DEFAULT_OUT_DIR = join(REPO_ROOT, 'build', 'appPackage');
