import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { BotCredentials } from '../config';
import type { Locale } from '../core/locale';
import type { Logger } from '../core/logger';
import { t } from '../i18n';

/**
 * The Bot Framework adapter: JWT validation of Teams traffic with the bot's credentials, or anonymous (no
 * credentials: botbuilder then accepts unauthenticated requests, which config.ts allows only on loopback).
 */
export function createAdapter(credentials: BotCredentials | null, logger: Logger, defaultLocale: Locale): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authOptions(credentials)));
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    // A fixed, localised sentence: never the error's own text.
    if (context.activity.type === 'message') await context.sendActivity(t(defaultLocale, 'error.internal'));
  };
  return adapter;
}

function authOptions(credentials: BotCredentials | null): ConfigurationBotFrameworkAuthenticationOptions {
  if (!credentials) return { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' };
  return {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppType: credentials.appType,
    MicrosoftAppTenantId: credentials.tenantId ?? '',
  };
}
