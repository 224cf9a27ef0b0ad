import { TurnContext, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { ConversationRef } from '../core/installation';
import type { Locale } from '../core/locale';
import { userKeyOf, type UserKey } from '../core/userKey';
import type { TimeZoneNames } from './timeZoneNames';
import { resolveLocale } from '../i18n';

/** The parts of an incoming activity the bot relies on, parsed once at the edge. */
const ActivityIdentity = z.object({
  from: z.object({ id: z.string().min(1), name: z.string().nullish(), aadObjectId: z.string().min(1).nullish() }),
  conversation: z.object({ id: z.string().min(1), tenantId: z.string().nullish(), conversationType: z.string().nullish() }),
  channelData: z
    .object({ tenant: z.object({ id: z.string() }).nullish() })
    .passthrough()
    .nullish(),
  locale: z.string().nullish(),
  localTimezone: z.string().nullish(),
});

export interface ActivityUser {
  key: UserKey;
  name: string | null;
  locale: Locale;
  /** The client's full locale tag as Teams sent it (`en-US`, `nl-BE`): it orders numeric dates. */
  localeTag: string | null;
  /** The user's IANA zone, when Teams sent a valid one. */
  timezone: string | null;
  personal: boolean;
}

/**
 * The clicking/typing user, from `from.aadObjectId` and the tenant — never from card data. Null when unidentifiable.
 * `zones` checks the zone Teams sent.
 */
export function activityUser(activity: Activity, defaultLocale: Locale, zones: TimeZoneNames): ActivityUser | null {
  const parsed = ActivityIdentity.safeParse(activity);
  const aadObjectId = parsed.success ? parsed.data.from.aadObjectId : null;
  if (!parsed.success || !aadObjectId) return null;
  const a = parsed.data;
  const tenantId = a.conversation.tenantId ?? a.channelData?.tenant?.id ?? 'default';
  return {
    key: userKeyOf({ tenantId, aadObjectId }),
    name: a.from.name ?? null,
    locale: resolveLocale(a.locale, defaultLocale),
    localeTag: a.locale?.trim() || null,
    timezone: a.localTimezone && zones.isValid(a.localTimezone) ? a.localTimezone : null,
    personal: (a.conversation.conversationType ?? 'personal') === 'personal',
  };
}

export function conversationRefOf(context: TurnContext): ConversationRef {
  const ref = TurnContext.getConversationReference(context.activity);
  return {
    channelId: ref.channelId ?? 'msteams',
    serviceUrl: ref.serviceUrl ?? '',
    conversation: {
      id: ref.conversation?.id ?? '',
      ...(ref.conversation?.tenantId ? { tenantId: ref.conversation.tenantId } : {}),
      ...(ref.conversation?.conversationType ? { conversationType: ref.conversation.conversationType } : {}),
    },
    user: {
      id: ref.user?.id ?? '',
      ...(ref.user?.name ? { name: ref.user.name } : {}),
      ...(ref.user?.aadObjectId ? { aadObjectId: ref.user.aadObjectId } : {}),
    },
    bot: { id: ref.bot?.id ?? '', ...(ref.bot?.name ? { name: ref.bot.name } : {}) },
    ...(ref.locale ? { locale: ref.locale } : {}),
  };
}
