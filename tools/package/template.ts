import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageConfig } from './config';
import { isObject, type Json, type JsonObject } from './json';
import { PLACEHOLDER_PATTERN } from './patterns';

export const MANIFEST_TEMPLATE = 'manifest.template.json';

/** Host that serves the Bot Framework OAuth sign-in pages (OAuthCard), needed in validDomains for SSO. */
export const TOKEN_SERVICE_DOMAIN = 'token.botframework.com';

export interface PackageFile {
  name: string;
  data: Buffer;
}

export function placeholderValues(config: PackageConfig): Record<string, string> {
  return {
    BOT_ID: config.botId,
    TEAMS_APP_ID: config.teamsAppId,
    APP_VERSION: config.appVersion,
    APP_NAME_SHORT: config.appNameShort,
    BOT_DOMAIN: config.botDomain,
    DIGIOFFICE_WEB_DOMAIN: config.digiofficeWebDomain,
    DEVELOPER_NAME: config.developer.name,
    DEVELOPER_WEBSITE_URL: config.developer.websiteUrl,
    PRIVACY_URL: config.developer.privacyUrl,
    TERMS_URL: config.developer.termsUrl,
  };
}

/**
 * Replaces `${{NAME}}` in JSON text. Values are JSON-string-escaped, so a quote or backslash in a value
 * cannot break the document. Throws naming every placeholder that has no value.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>, fileName: string): string {
  const unknown = new Set<string>();
  const filled = text.replace(PLACEHOLDER_PATTERN, (match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.add(name);
      return match;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (unknown.size > 0) throw new Error(`${fileName}: no value for placeholder(s) ${[...unknown].join(', ')}`);
  return filled;
}

function parseObject(text: string, fileName: string): JsonObject {
  const value = JSON.parse(text) as Json;
  if (!isObject(value)) throw new Error(`${fileName}: expected a JSON object`);
  return value;
}

/** What depends on the auth mode and cannot be a plain placeholder. */
function applyAuthMode(manifest: JsonObject, config: PackageConfig): void {
  if (config.auth !== 'sso') return;
  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  manifest.validDomains = [...domains, TOKEN_SERVICE_DOMAIN];
  // Teams SSO for a bot: the bot's own Entra app, exposing the API api://botid-<bot id>.
  manifest.webApplicationInfo = { id: config.botId, resource: `api://botid-${config.botId}` };
}

function dedupeValidDomains(manifest: JsonObject): void {
  if (Array.isArray(manifest.validDomains)) manifest.validDomains = [...new Set(manifest.validDomains)];
}

function localizationFiles(manifest: JsonObject): string[] {
  const info = manifest.localizationInfo;
  if (!isObject(info)) return [];
  const files: string[] = [];
  if (typeof info.defaultLanguageFile === 'string') files.push(info.defaultLanguageFile);
  for (const language of Array.isArray(info.additionalLanguages) ? info.additionalLanguages : []) {
    if (isObject(language) && typeof language.file === 'string') files.push(language.file);
  }
  return [...new Set(files)];
}

function iconFiles(manifest: JsonObject): string[] {
  const icons = manifest.icons;
  if (!isObject(icons)) return [];
  return Object.values(icons).filter((file): file is string => typeof file === 'string');
}

const serialize = (value: Json): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/**
 * The package's files, in zip order: manifest.json, its localization files, its icons. Templates and icons are
 * read from `manifestDir`; localization files are templates too.
 */
export function renderPackageFiles(config: PackageConfig, manifestDir: string): PackageFile[] {
  const values = placeholderValues(config);
  const read = (name: string): string => readFileSync(join(manifestDir, name), 'utf8');
  const manifest = parseObject(fillPlaceholders(read(MANIFEST_TEMPLATE), values, MANIFEST_TEMPLATE), MANIFEST_TEMPLATE);
  applyAuthMode(manifest, config);
  dedupeValidDomains(manifest);
  const files: PackageFile[] = [{ name: 'manifest.json', data: serialize(manifest) }];
  for (const name of localizationFiles(manifest)) {
    files.push({ name, data: serialize(parseObject(fillPlaceholders(read(name), values, name), name)) });
  }
  for (const name of iconFiles(manifest)) files.push({ name, data: readFileSync(join(manifestDir, name)) });
  return files;
}
