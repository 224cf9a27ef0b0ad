import type { Locale } from './locale';
import type { UserKey } from './userKey';

/**
 * A conversation reference as the bot stored it (structurally a botbuilder `Partial<ConversationReference>`, kept as
 * plain JSON so nothing outside `bot/` depends on botbuilder).
 */
export interface ConversationRef {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; tenantId?: string; conversationType?: string; isGroup?: boolean };
  user: { id: string; name?: string; aadObjectId?: string };
  bot: { id: string; name?: string };
  locale?: string;
}

/** A user's 1:1 installation of the bot: where to send their cards, in which language and zone. */
export interface Installation extends UserKey {
  userPrincipalName: string | null;
  email: string | null;
  name: string | null;
  locale: Locale;
  /** IANA zone from the user's last activity (`localTimezone`), if Teams sent one. */
  timezone: string | null;
  reference: ConversationRef;
  installedAt: string;
}
