import { PNG } from 'pngjs';
import { readPackageConfig, type PackageConfig } from '../../../tools/package/config';
import type { Json, JsonObject } from '../../../tools/package/json';
import { MANIFEST_DIR } from '../../../tools/package/paths';
import { renderPackageFiles, type PackageFile } from '../../../tools/package/template';

export const BOT_ID = '2f0c7a8e-1b9d-4c3e-8a5f-6d7e8f901234';
export const TEAMS_APP_ID = '7d1e5b3a-9c4f-4e2b-8a6d-0f1e2d3c4b5a';

/** A complete packaging environment, as an administrator would set it. */
export const TEST_ENV: Readonly<Record<string, string>> = {
  MicrosoftAppId: BOT_ID,
  TEAMS_APP_ID,
  PUBLIC_URL: 'https://tasks-bot.contoso.nl',
  DIGIOFFICE_BASE_URL: 'https://do-services.contoso.nl',
  DIGIOFFICE_WEB_URL: 'https://digioffice.contoso.nl/web/',
  APP_VERSION: '1.2.3',
  APP_NAME_SHORT: 'DigiOffice Tasks',
  DEVELOPER_NAME: 'Contoso IT',
  DEVELOPER_WEBSITE_URL: 'https://intranet.contoso.nl/apps/digioffice-tasks',
  PRIVACY_URL: 'https://intranet.contoso.nl/privacy',
  TERMS_URL: 'https://intranet.contoso.nl/terms',
};

export function testConfig(env: Readonly<Record<string, string>> = TEST_ENV): PackageConfig {
  const result = readPackageConfig({ ...env }, '0.1.0');
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

/** The files of a valid package built from TEST_ENV. */
export function goodFiles(): PackageFile[] {
  return renderPackageFiles(testConfig(), MANIFEST_DIR);
}

export function fileData(files: readonly PackageFile[], name: string): Buffer {
  const file = files.find((f) => f.name === name);
  if (!file) throw new Error(`no ${name} in ${files.map((f) => f.name).join(', ')}`);
  return file.data;
}

export function parseFile(files: readonly PackageFile[], name: string): JsonObject {
  return JSON.parse(fileData(files, name).toString('utf8')) as JsonObject;
}

export function replaceFile(files: readonly PackageFile[], name: string, data: Buffer): PackageFile[] {
  return files.map((f) => (f.name === name ? { name, data } : f));
}

/** `files` with manifest.json changed by `change`. */
export function withManifest(files: readonly PackageFile[], change: (manifest: JsonObject) => void): PackageFile[] {
  const manifest = parseFile(files, 'manifest.json');
  change(manifest);
  return replaceFile(files, 'manifest.json', Buffer.from(JSON.stringify(manifest as Json)));
}

export function png(width: number, height: number, rgba: readonly [number, number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set(rgba, i * 4);
  return PNG.sync.write(image);
}
