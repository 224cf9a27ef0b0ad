/**
 * Teams-shaped activities as the channel posts them to /api/messages (personal scope), for integration tests.
 * Users are fixed: Alex (the seed's DigiOffice user 12) and Jan (user 14), one tenant.
 */
export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipalName: string;
  email: string;
  conversationId: string;
}

export const ALEX: TeamsUser = {
  id: '29:1alex-mri',
  name: 'Alex Wilber',
  aadObjectId: 'a1b2c3d4-0000-4000-8000-00000000a1e7',
  userPrincipalName: 'alexw@example.com',
  email: 'alexw@example.com',
  conversationId: 'a:1personal-chat-alex',
};

export const JAN: TeamsUser = {
  id: '29:1jan-mri',
  name: 'Jan de Vries',
  aadObjectId: 'b1b2c3d4-0000-4000-8000-0000000000a2',
  userPrincipalName: 'jan@contoso.nl',
  email: 'jan@contoso.nl',
  conversationId: 'a:1personal-chat-jan',
};

export const BOT = { id: '28:bot-digioffice-tasks', name: 'DigiOffice Tasks' };

let sequence = 0;

interface Common {
  serviceUrl: string;
  locale?: string;
  /** The client's IANA zone; Europe/Amsterdam unless given, none at all when null (a client that sends none). */
  localTimezone?: string | null;
}

function base(user: TeamsUser, options: Common) {
  sequence += 1;
  return {
    id: `incoming-${sequence}`,
    timestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
    recipient: BOT,
    locale: options.locale ?? 'en-US',
    ...(options.localTimezone === null ? {} : { localTimezone: options.localTimezone ?? 'Europe/Amsterdam' }),
    channelData: { tenant: { id: TENANT_ID } },
  };
}

export function installActivity(user: TeamsUser, options: Common) {
  return { ...base(user, options), type: 'installationUpdate', action: 'add' };
}

export function uninstallActivity(user: TeamsUser, options: Common) {
  return { ...base(user, options), type: 'installationUpdate', action: 'remove' };
}

export function messageActivity(user: TeamsUser, text: string, options: Common) {
  return { ...base(user, options), type: 'message', text, textFormat: 'plain' };
}

/**
 * An `adaptiveCard/action` invoke: a click (`trigger: 'manual'`), or Teams asking for a card's refresh on its own
 * (`trigger: 'automatic'`, the card's `refresh.action`). `state` is the sign-in code Teams adds when it sends an action
 * again after the bot's login request.
 */
export function cardActionActivity(
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  options: Common & { replyToId?: string; trigger?: 'manual' | 'automatic'; state?: string },
) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    value: {
      action: { type: 'Action.Execute', id: `action-${sequence}`, verb, data },
      trigger: options.trigger ?? 'manual',
      ...(options.state !== undefined ? { state: options.state } : {}),
    },
  };
}

export function searchActivity(user: TeamsUser, dataset: string, queryText: string, options: Common & { replyToId?: string }) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'application/search',
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    value: { kind: 'typeahead', queryText, queryOptions: { skip: 0, top: 15 }, dataset },
  };
}
