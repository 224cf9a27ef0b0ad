import { z } from 'zod';
import { isValidTimeZone } from './digioffice/dates';

/**
 * The environment, parsed once at startup (DESIGN §3). No other file reads `process.env`.
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

const httpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .transform((v) => v.replace(/\/+$/, ''));

const guidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const EnvSchema = z
  .object({
    PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(3978),
    HOST: optionalString,
    PUBLIC_URL: optionalString.pipe(httpUrl.optional()),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    MicrosoftAppTenantId: optionalString,
    BOT_ALLOW_ANONYMOUS: booleanString,
    DIGIOFFICE_BASE_URL: z.string({ message: 'is required' }).pipe(httpUrl),
    DIGIOFFICE_WEB_URL: optionalString.pipe(httpUrl.optional()),
    DIGIOFFICE_WS_VERBINDING_ID: optionalString.pipe(z.string().regex(guidPattern, 'must be a GUID').optional()),
    DIGIOFFICE_TIMEZONE: z.string().default('Europe/Amsterdam').refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Amsterdam'),
    DIGIOFFICE_AUTH: z.enum(['credentials', 'sso']).default('credentials'),
    DIGIOFFICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(8000),
    DIGIOFFICE_SSO_CONNECTION: optionalString,
    DIGIOFFICE_SSO_PROVIDER: optionalString,
    NOTIFY_API_KEY: z.string({ message: 'is required' }).min(16, 'must be at least 16 characters'),
    TOKEN_ENCRYPTION_KEY: z
      .string({ message: 'is required (base64 of 32 random bytes)' })
      .refine((v) => decodesTo32Bytes(v), 'must be base64 of exactly 32 bytes'),
    STORAGE: z.enum(['file', 'azure']).default('file'),
    STORAGE_DIR: z.string().default('./data'),
    AZURE_STORAGE_CONNECTION_STRING: optionalString,
    AZURE_STORAGE_CONTAINER: z.string().default('digioffice-teams'),
    DEFAULT_LOCALE: z.enum(['en', 'nl']).default('en'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    INVOKE_BUDGET_MS: z.coerce.number().int().min(100).max(14000).default(7000),
  })
  .superRefine((env, ctx) => {
    const host = env.HOST ?? (env.BOT_ALLOW_ANONYMOUS ? '127.0.0.1' : '0.0.0.0');
    if (env.BOT_ALLOW_ANONYMOUS) {
      if (!LOOPBACK_HOSTS.has(host)) {
        ctx.addIssue({ code: 'custom', path: ['HOST'], message: `must be a loopback address (127.0.0.1, ::1, localhost) when BOT_ALLOW_ANONYMOUS=true, got ${host}` });
      }
      if (env.MicrosoftAppId) {
        ctx.addIssue({ code: 'custom', path: ['BOT_ALLOW_ANONYMOUS'], message: 'must not be true when MicrosoftAppId is set' });
      }
    } else {
      requireBotCredentials(env, ctx);
    }
    if (env.DIGIOFFICE_AUTH === 'sso') {
      if (!env.DIGIOFFICE_SSO_CONNECTION) ctx.addIssue({ code: 'custom', path: ['DIGIOFFICE_SSO_CONNECTION'], message: 'is required when DIGIOFFICE_AUTH=sso (the OAuth connection name on the Azure Bot)' });
      if (!env.DIGIOFFICE_SSO_PROVIDER) ctx.addIssue({ code: 'custom', path: ['DIGIOFFICE_SSO_PROVIDER'], message: 'is required when DIGIOFFICE_AUTH=sso (the DigiOffice auth provider name, as in /api/auth/{provider})' });
    }
    if (env.STORAGE === 'azure' && !env.AZURE_STORAGE_CONNECTION_STRING) {
      ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'is required when STORAGE=azure' });
    }
  });

type Env = z.output<typeof EnvSchema>;

function requireBotCredentials(env: Env, ctx: z.RefinementCtx): void {
  const why = 'is required unless BOT_ALLOW_ANONYMOUS=true (local testing on loopback only)';
  if (!env.MicrosoftAppId) ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: why });
  else if (!guidPattern.test(env.MicrosoftAppId)) ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'must be a GUID' });
  const type = env.MicrosoftAppType ?? 'MultiTenant';
  if (type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: `is required for MicrosoftAppType=${type}` });
  if (type === 'UserAssignedMSI' && env.MicrosoftAppPassword) ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'must be empty for MicrosoftAppType=UserAssignedMSI' });
  if (type !== 'MultiTenant' && !env.MicrosoftAppTenantId) ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `is required for MicrosoftAppType=${type}` });
}

function decodesTo32Bytes(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value.trim())) return false;
  return Buffer.from(value.trim(), 'base64').length === 32;
}

export interface BotCredentials {
  appId: string;
  appPassword: string | null;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string | null;
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
    auth: 'credentials' | 'sso';
    timeoutMs: number;
    sso: { connectionName: string; provider: string } | null;
  };
  notifyApiKey: string;
  tokenEncryptionKey: Buffer;
  storage: { kind: 'file'; dir: string } | { kind: 'azure'; connectionString: string; container: string };
  defaultLocale: 'en' | 'nl';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
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
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`));
  }
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
          appId: env.MicrosoftAppId ?? '',
          appPassword: env.MicrosoftAppPassword ?? null,
          appType: env.MicrosoftAppType ?? 'MultiTenant',
          tenantId: env.MicrosoftAppTenantId ?? null,
        },
    digiOffice: {
      baseUrl: env.DIGIOFFICE_BASE_URL,
      webUrl: env.DIGIOFFICE_WEB_URL ?? env.DIGIOFFICE_BASE_URL,
      wsVerbindingId: env.DIGIOFFICE_WS_VERBINDING_ID?.toLowerCase() ?? null,
      timezone: env.DIGIOFFICE_TIMEZONE,
      auth: env.DIGIOFFICE_AUTH,
      timeoutMs: env.DIGIOFFICE_TIMEOUT_MS,
      sso: env.DIGIOFFICE_AUTH === 'sso' ? { connectionName: env.DIGIOFFICE_SSO_CONNECTION ?? '', provider: env.DIGIOFFICE_SSO_PROVIDER ?? '' } : null,
    },
    notifyApiKey: env.NOTIFY_API_KEY,
    tokenEncryptionKey: Buffer.from(env.TOKEN_ENCRYPTION_KEY.trim(), 'base64'),
    storage:
      env.STORAGE === 'azure'
        ? { kind: 'azure', connectionString: env.AZURE_STORAGE_CONNECTION_STRING ?? '', container: env.AZURE_STORAGE_CONTAINER }
        : { kind: 'file', dir: env.STORAGE_DIR },
    defaultLocale: env.DEFAULT_LOCALE,
    logLevel: env.LOG_LEVEL,
    invokeBudgetMs: env.INVOKE_BUDGET_MS,
  };
}
