import {
  CallerIdConstants,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { BotCredentials } from '../config';
import type { Locale } from '../core/locale';
import type { Logger } from '../core/logger';
import { UNAUTHORIZED, refusal, type Refusal } from '../core/refusal';
import { t } from '../i18n';
import { ReusedClientsAuthentication } from './reusedClients';
import { raceWithBudget } from './invokeBudget';

export type ChannelResult = { kind: 'answered'; status: number; body: unknown } | { kind: 'refused'; refusal: Refusal };

/** `Bearer` and a token with a JWT's three base64url parts; real channel tokens are about 1–2 KB. */
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_AUTHORIZATION_LENGTH = 8 * 1024;

/**
 * The Bot Framework adapter: JWT validation of Teams traffic with the bot's credentials, or anonymous (no
 * credentials: botbuilder then accepts unauthenticated requests, which config.ts allows only on loopback).
 *
 * It replaces `CloudAdapter.process`, which answers a rejected token with 500 and the library's error text and
 * prints the error with console.error: here every authentication failure is the same neutral 401, logged as one
 * line.
 */
export class ChannelAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly options: { requiresToken: boolean; logger: Logger; authTimeoutMs: number },
  ) {
    super(auth);
  }

  /**
   * A header-only check before the body is read: with credentials, a request without a Bearer token shaped like a
   * JWT is refused without reading its body. The token itself is verified in `handleActivity`.
   */
  mayCarryActivity(authorization: string | undefined): boolean {
    if (!this.options.requiresToken) return true;
    return authorization !== undefined && authorization.length <= MAX_AUTHORIZATION_LENGTH && BEARER_JWT.test(authorization);
  }

  /** Authenticates the request and runs one turn; answers with the invoke response, if any. */
  async handleActivity(authorization: string, body: unknown, logic: (context: TurnContext) => Promise<void>): Promise<ChannelResult> {
    const activity = toActivity(body);
    if (!activity) {
      return {
        kind: 'refused',
        refusal: refusal(400, 'invalidActivity', 'The body must be a Bot Framework activity: a JSON object with a string "type".'),
      };
    }
    const authenticated = await this.authenticate(activity, authorization).catch((err: unknown) => {
      // Forged, expired, for another bot, or the signing keys could not be fetched: the caller learns none of it.
      this.options.logger.warn(
        { reason: err instanceof Error ? err.message : String(err) },
        'channel request refused: authentication failed',
      );
      return null;
    });
    if (!authenticated) return { kind: 'refused', refusal: UNAUTHORIZED };
    try {
      const invokeResponse = await this.processActivity(authenticated, activity, logic);
      return { kind: 'answered', status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    } catch (err) {
      this.options.logger.error({ err, activityType: activity.type }, 'activity failed');
      return { kind: 'answered', status: 500, body: { error: 'internal', message: 'The bot could not process the activity.' } };
    }
  }

  /**
   * botbuilder fetches the channel's signing keys without a timeout: a key endpoint that never answers would hold
   * every request. After `authTimeoutMs` the request is refused (fail closed); the fetch may still finish later and
   * fill botbuilder's key cache.
   */
  private async authenticate(activity: Activity, authorization: string) {
    const { authTimeoutMs } = this.options;
    const authenticated = await raceWithBudget(this.botFrameworkAuthentication.authenticateRequest(activity, authorization), authTimeoutMs);
    if (authenticated === 'overtime') throw new Error(`no answer within ${authTimeoutMs} ms`);
    return authenticated;
  }
}

/** Builds the adapter for the configured credentials, or for anonymous mode when there are none. */
export function createAdapter(
  credentials: BotCredentials | null,
  logger: Logger,
  defaultLocale: Locale,
  { authTimeoutMs = 10_000 }: { authTimeoutMs?: number } = {},
): ChannelAdapter {
  const adapter = new ChannelAdapter(new ReusedClientsAuthentication(authOptions(credentials)), {
    requiresToken: credentials !== null,
    logger,
    authTimeoutMs,
  });
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    // A fixed, localised sentence: never the error's own text.
    if (context.activity.type === 'message') await context.sendActivity(t(defaultLocale, 'error.internal'));
  };
  return adapter;
}

/** The checks and date fix-ups `CloudAdapter.process` applies to a request body before a turn. */
function toActivity(body: unknown): Activity | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const activity = body as Activity & Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return null;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}

/**
 * botbuilder's public-cloud endpoints (its AuthenticationConstants, not exported by botbuilder). Given any one
 * endpoint, botbuilder takes all of them from the configuration, so moving the signing keys repeats the others.
 */
export const PUBLIC_CLOUD_ENDPOINTS = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
} as const;

export function authOptions(credentials: BotCredentials | null): ConfigurationBotFrameworkAuthenticationOptions {
  if (!credentials) return { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' };
  return {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppType: credentials.appType,
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    ...(credentials.openIdMetadataUrl
      ? { ...PUBLIC_CLOUD_ENDPOINTS, ToBotFromChannelOpenIdMetadataUrl: credentials.openIdMetadataUrl }
      : {}),
  };
}
