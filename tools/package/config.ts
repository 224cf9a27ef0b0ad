import { z } from 'zod';
import { GUID_PATTERN, SEMVER_PATTERN } from './patterns';

/** Everything the manifest template needs, read from the environment at packaging time. */
export interface PackageConfig {
  botId: string;
  teamsAppId: string;
  appVersion: string;
  appNameShort: string;
  /** host of PUBLIC_URL: the bot's sign-in page lives there */
  botDomain: string;
  /** host of DIGIOFFICE_WEB_URL (else DIGIOFFICE_BASE_URL): the cards' "Open in DigiOffice" links go there */
  digiofficeWebDomain: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsUrl: string };
  auth: 'credentials' | 'sso';
}

export type ConfigResult = { ok: true; config: PackageConfig; defaultsUsed: string[] } | { ok: false; problems: string[] };

export const DEFAULT_APP_NAME = 'DigiOffice Tasks';
export const DEFAULT_DEVELOPER_NAME = 'DigiOffice Tasks';

const unsetIfBlank = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

function hasScheme(value: string, schemes: readonly string[]): boolean {
  try {
    return schemes.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const text = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `is required (${what})` : 'must be a string') }).trim();
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfBlank, schema.optional());
const required = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfBlank, schema);
const guid = (what: string) => text(what).regex(GUID_PATTERN, 'must be a GUID, e.g. 2f0c7a8e-1b9d-4c3e-8a5f-6d7e8f901234');
const httpsUrl = (what: string) => text(what).refine((v) => hasScheme(v, ['https:']), 'must be an absolute https:// URL');
const webUrl = (what: string) => text(what).refine((v) => hasScheme(v, ['https:', 'http:']), 'must be an absolute http(s):// URL');

const envSchema = z.object({
  MicrosoftAppId: required(guid("the bot's Microsoft App ID")),
  TEAMS_APP_ID: optional(guid('the Teams app id')),
  PUBLIC_URL: required(httpsUrl("the bot's public https base URL")),
  DIGIOFFICE_WEB_URL: optional(webUrl("DigiOffice's web UI")),
  DIGIOFFICE_BASE_URL: optional(webUrl('DigiOffice API Services')),
  DIGIOFFICE_AUTH: optional(z.enum(['credentials', 'sso'])),
  APP_VERSION: optional(text('app version').regex(SEMVER_PATTERN, 'must be MAJOR.MINOR.PATCH, e.g. 1.4.0')),
  APP_NAME_SHORT: optional(text('app name').max(30, 'must be at most 30 characters')),
  DEVELOPER_NAME: optional(text('developer name').max(32, 'must be at most 32 characters')),
  DEVELOPER_WEBSITE_URL: optional(httpsUrl('developer website')),
  PRIVACY_URL: optional(httpsUrl('privacy statement')),
  TERMS_URL: optional(httpsUrl('terms of use')),
});

/**
 * Reads the packaging settings. `fallbackVersion` (package.json's version) is used when APP_VERSION is unset.
 * Lists every problem at once, each naming its variable.
 */
export function readPackageConfig(env: NodeJS.ProcessEnv, fallbackVersion: string): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (unsetIfBlank(env.DIGIOFFICE_WEB_URL) === undefined && unsetIfBlank(env.DIGIOFFICE_BASE_URL) === undefined) {
    problems.push('DIGIOFFICE_WEB_URL: is required (or DIGIOFFICE_BASE_URL): its host goes into validDomains');
  }
  if (!SEMVER_PATTERN.test(fallbackVersion) && unsetIfBlank(env.APP_VERSION) === undefined) {
    problems.push(`APP_VERSION: is required because package.json's version "${fallbackVersion}" is not MAJOR.MINOR.PATCH`);
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };

  const vars = parsed.data;
  const defaultsUsed: string[] = [];
  const pick = (name: string, value: string | undefined, fallback: string): string => {
    if (value !== undefined) return value;
    defaultsUsed.push(`${name}=${fallback}`);
    return fallback;
  };
  const teamsAppId = pick('TEAMS_APP_ID', vars.TEAMS_APP_ID, vars.MicrosoftAppId);
  const appVersion = pick('APP_VERSION', vars.APP_VERSION, fallbackVersion);
  const appNameShort = pick('APP_NAME_SHORT', vars.APP_NAME_SHORT, DEFAULT_APP_NAME);
  const developerName = pick('DEVELOPER_NAME', vars.DEVELOPER_NAME, DEFAULT_DEVELOPER_NAME);
  const websiteUrl = pick('DEVELOPER_WEBSITE_URL', vars.DEVELOPER_WEBSITE_URL, vars.PUBLIC_URL);
  const digiofficeWebUrl = vars.DIGIOFFICE_WEB_URL ?? pick('DIGIOFFICE_WEB_URL', undefined, vars.DIGIOFFICE_BASE_URL ?? '');
  return {
    ok: true,
    defaultsUsed,
    config: {
      botId: vars.MicrosoftAppId,
      teamsAppId,
      appVersion,
      appNameShort,
      botDomain: new URL(vars.PUBLIC_URL).hostname,
      digiofficeWebDomain: new URL(digiofficeWebUrl).hostname,
      developer: {
        name: developerName,
        websiteUrl,
        privacyUrl: pick('PRIVACY_URL', vars.PRIVACY_URL, websiteUrl),
        termsUrl: pick('TERMS_URL', vars.TERMS_URL, websiteUrl),
      },
      auth: vars.DIGIOFFICE_AUTH ?? 'credentials',
    },
  };
}
