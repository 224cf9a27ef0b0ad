import { z } from 'zod';
import { bearerKeyList } from './bearerKeys';
import { DURATION_HINT, parseDuration } from './core/duration';
import { GUID_PATTERN, normaliseGuid } from './core/guid';
import { LOCALES, type Locale } from './core/locale';
import { LOG_LEVELS, type LogLevel } from './core/logger';
import { isValidTimeZone } from './digioffice/dates';

/**
 * The environment, parsed once at startup (every variable is described in .env.example and docs/admin-guide.md).
 * No other file reads `process.env`.
 * An invalid environment yields one `ConfigError` listing every problem.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

const booleanString = z
  .enum(['true', 'false', '1', '0', ''], { message: 'must be true or false' })
  .optional()
  .transform((v) => v === 'true' || v === '1');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).transform((v) => v.replace(/\/+$/, ''));

/** A key for TokenCipher: base64 of 32 bytes that look random (at least 16 different byte values; all zeros do not). */
const MIN_DISTINCT_KEY_BYTES = 16;

function encryptionKey() {
  return z
    .string()
    .transform((v) => v.trim())
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be base64 of exactly 32 bytes')
    .transform((v) => Buffer.from(v, 'base64'))
    .refine(
      (key) => new Set(key).size >= MIN_DISTINCT_KEY_BYTES,
      `is too weak: its 32 bytes must hold at least ${MIN_DISTINCT_KEY_BYTES} different values (generate it randomly)`,
    );
}

const EnvSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(3978),
  HOST: optionalString,
  PUBLIC_URL: optionalString.pipe(httpUrl.optional()),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: optionalString,
  BOT_ALLOW_ANONYMOUS: booleanString,
  BOT_OPENID_METADATA_URL: optionalString
    .pipe(httpUrl.optional())
    .refine((v) => v === undefined || v.startsWith('https:') || isLoopbackUrl(v), 'must be an https URL (http only on a loopback address)'),
  DIGIOFFICE_BASE_URL: z.string({ message: 'is required' }).pipe(httpUrl),
  DIGIOFFICE_WEB_URL: optionalString.pipe(httpUrl.optional()),
  DIGIOFFICE_WS_VERBINDING_ID: optionalString.pipe(z.string().regex(GUID_PATTERN, 'must be a GUID').transform(normaliseGuid).optional()),
  DIGIOFFICE_TIMEZONE: z.string().default('Europe/Amsterdam').refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Amsterdam'),
  DIGIOFFICE_AUTH: z.enum(['credentials', 'sso']).default('credentials'),
  DIGIOFFICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(8000),
  NOTIFY_API_KEY: bearerKeyList(),
  ADMIN_API_KEY: optionalString.pipe(bearerKeyList().optional()),
  METRICS_PORT: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a port number (1 to 65535)')
      .transform(Number)
      .pipe(z.number().min(1, 'must be a port number (1 to 65535)').max(65535, 'must be a port number (1 to 65535)'))
      .optional(),
  ),
  OUTBOX_PENDING_REPORT_AGE: z
    .string()
    .default('7d')
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === null || ms < 60_000) ctx.addIssue({ code: 'custom', message: `must be at least a minute, written as ${DURATION_HINT}` });
      return ms ?? 0;
    }),
  TOKEN_ENCRYPTION_KEY: z.string({ message: 'is required (base64 of 32 random bytes)' }).pipe(encryptionKey()),
  TOKEN_ENCRYPTION_KEY_PREVIOUS: optionalString.pipe(encryptionKey().optional()),
  STORAGE: z
    .enum(['sqlite', 'azure'], { message: 'must be sqlite (embedded, one process) or azure (several instances)' })
    .default('sqlite'),
  STORAGE_DIR: z.string().default('./data'),
  AZURE_STORAGE_CONNECTION_STRING: optionalString,
  AZURE_STORAGE_CONTAINER: z.string().default('digioffice-teams'),
  DEFAULT_LOCALE: z.enum(LOCALES).default('en'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  INVOKE_BUDGET_MS: z.coerce.number().int().min(100).max(14000).default(7000),
});

type Env = z.output<typeof EnvSchema>;

/**
 * Checks that involve several variables. They read the raw strings, so they run (and report) even when single
 * variables are invalid: the one error lists every problem.
 */
function crossFieldProblems(raw: Record<string, string | undefined>): string[] {
  const value = (name: string) => (raw[name]?.trim() ? raw[name]?.trim() : undefined);
  const problems: string[] = [];
  const anonymous = value('BOT_ALLOW_ANONYMOUS') === 'true' || value('BOT_ALLOW_ANONYMOUS') === '1';
  if (anonymous) {
    const host = value('HOST') ?? '127.0.0.1';
    if (!LOOPBACK_HOSTS.has(host))
      problems.push(`HOST must be a loopback address (127.0.0.1, ::1, localhost) when BOT_ALLOW_ANONYMOUS=true, got ${host}`);
    if (value('MicrosoftAppId')) problems.push('BOT_ALLOW_ANONYMOUS must not be true when MicrosoftAppId is set');
  } else {
    problems.push(...botCredentialProblems(value));
  }
  if (value('DIGIOFFICE_AUTH') === 'sso') {
    problems.push('DIGIOFFICE_AUTH=sso is not available in this version yet; use DIGIOFFICE_AUTH=credentials (account linking)');
  }
  problems.push(...operatorProblems(value));
  if (value('STORAGE') === 'azure' && !value('AZURE_STORAGE_CONNECTION_STRING'))
    problems.push('AZURE_STORAGE_CONNECTION_STRING is required when STORAGE=azure');
  return problems;
}

function botCredentialProblems(value: (name: string) => string | undefined): string[] {
  const problems: string[] = [];
  const appId = value('MicrosoftAppId');
  if (!appId) problems.push('MicrosoftAppId is required unless BOT_ALLOW_ANONYMOUS=true (local testing on loopback only)');
  else if (!GUID_PATTERN.test(appId)) problems.push('MicrosoftAppId must be a GUID');
  const type = value('MicrosoftAppType') ?? 'MultiTenant';
  const password = value('MicrosoftAppPassword');
  if (type !== 'UserAssignedMSI' && !password) problems.push(`MicrosoftAppPassword is required for MicrosoftAppType=${type}`);
  if (type === 'UserAssignedMSI' && password) problems.push('MicrosoftAppPassword must be empty for MicrosoftAppType=UserAssignedMSI');
  if (type !== 'MultiTenant' && !value('MicrosoftAppTenantId'))
    problems.push(`MicrosoftAppTenantId is required for MicrosoftAppType=${type}`);
  return problems;
}

/** The admin key must not open the senders' door, nor theirs this one; the metrics port is a port of its own. */
function operatorProblems(value: (name: string) => string | undefined): string[] {
  const problems: string[] = [];
  const keys = (name: string) =>
    (value(name) ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean);
  const notifyKeys = new Set(keys('NOTIFY_API_KEY'));
  if (keys('ADMIN_API_KEY').some((key) => notifyKeys.has(key))) problems.push('ADMIN_API_KEY must differ from every NOTIFY_API_KEY');
  const metricsPort = value('METRICS_PORT');
  // As numbers: "03978" is port 3978 too.
  if (metricsPort !== undefined && Number(metricsPort) === Number(value('PORT') ?? '3978'))
    problems.push('METRICS_PORT must differ from PORT');
  return problems;
}

function isLoopbackUrl(value: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(value).hostname.replace(/^\[(.*)\]$/, '$1'));
}

export interface BotCredentials {
  appId: string;
  appPassword: string | null;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string | null;
  /**
   * Where the Bot Framework channel's token signing keys are published (OpenID metadata); null: Microsoft's public
   * cloud, which botbuilder knows. Set for a private deployment of the channel, or tests that sign their own tokens.
   */
  openIdMetadataUrl: string | null;
}

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** null in anonymous mode. */
  bot: BotCredentials | null;
  digiOffice: {
    baseUrl: string;
    webUrl: string;
    wsVerbindingId: string | null;
    timezone: string;
    timeoutMs: number;
  };
  /** The senders' keys: one, or two (new, old) during a rotation. */
  notifyApiKeys: string[];
  /** The admin API's and `/metrics`' keys: one, or two during a rotation; none: the admin API is off. */
  adminApiKeys: string[];
  /** `/metrics` without a key on this port (bound to `host`); null: not served there. */
  metricsPort: number | null;
  /** Pending notifications older than this are reported (log, metrics, admin API). */
  outboxPendingReportAgeMs: number;
  tokenEncryptionKey: Buffer;
  /** The key before a rotation: what it encrypted still decrypts, and is encrypted again with the current key on use. */
  previousTokenEncryptionKey: Buffer | null;
  storage: { kind: 'sqlite'; dir: string } | { kind: 'azure'; connectionString: string; container: string };
  defaultLocale: Locale;
  logLevel: LogLevel;
  /** How long an invoke may wait for DigiOffice before the bot answers with a "working…" card (Teams allows ~10 s). */
  invokeBudgetMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws `ConfigError` listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`)),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

function toConfig(env: Env): Config {
  const host = env.HOST ?? (env.BOT_ALLOW_ANONYMOUS ? '127.0.0.1' : '0.0.0.0');
  return {
    port: env.PORT,
    host,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    bot: env.BOT_ALLOW_ANONYMOUS
      ? null
      : {
          appId: normaliseGuid(env.MicrosoftAppId ?? ''),
          appPassword: env.MicrosoftAppPassword ?? null,
          appType: env.MicrosoftAppType ?? 'MultiTenant',
          tenantId: env.MicrosoftAppTenantId ?? null,
          openIdMetadataUrl: env.BOT_OPENID_METADATA_URL ?? null,
        },
    digiOffice: {
      baseUrl: env.DIGIOFFICE_BASE_URL,
      webUrl: env.DIGIOFFICE_WEB_URL ?? env.DIGIOFFICE_BASE_URL,
      wsVerbindingId: env.DIGIOFFICE_WS_VERBINDING_ID ?? null,
      timezone: env.DIGIOFFICE_TIMEZONE,
      timeoutMs: env.DIGIOFFICE_TIMEOUT_MS,
    },
    notifyApiKeys: env.NOTIFY_API_KEY,
    adminApiKeys: env.ADMIN_API_KEY ?? [],
    metricsPort: env.METRICS_PORT ?? null,
    outboxPendingReportAgeMs: env.OUTBOX_PENDING_REPORT_AGE,
    tokenEncryptionKey: env.TOKEN_ENCRYPTION_KEY,
    previousTokenEncryptionKey: env.TOKEN_ENCRYPTION_KEY_PREVIOUS ?? null,
    storage:
      env.STORAGE === 'azure'
        ? { kind: 'azure', connectionString: env.AZURE_STORAGE_CONNECTION_STRING ?? '', container: env.AZURE_STORAGE_CONTAINER }
        : { kind: 'sqlite', dir: env.STORAGE_DIR },
    defaultLocale: env.DEFAULT_LOCALE,
    logLevel: env.LOG_LEVEL,
    invokeBudgetMs: env.INVOKE_BUDGET_MS,
  };
}
