import { cardOf } from './cardQueries';
import type { ConnectorCall } from './fakeConnector';
import type { Harness } from './harness';
import { cardActionActivity, messageActivity, type TeamsUser } from './teamsActivities';

/** Posts `task.assigned` for a seeded task to the user (by UPN) and waits for the card; returns the card message. */
export async function deliverTask(
  h: Harness,
  user: TeamsUser,
  taskId: number,
): Promise<{ activityId: string; card: Record<string, unknown> }> {
  const before = h.connector.calls.length;
  const response = await h.notify(h.sim.notificationFor(taskId, { userPrincipalName: user.userPrincipalName }));
  if (response.status !== 202) throw new Error(`notification refused: ${response.status} ${JSON.stringify(response.body)}`);
  await h.idle();
  const call = cardMessageSince(h, user, before);
  return { activityId: activityIdOf(call), card: cardOf(call.body) };
}

/** The first card message (send or reply) to the user's conversation recorded after index `before`. */
export function cardMessageSince(h: Harness, user: TeamsUser, before: number): ConnectorCall {
  const call = h.connector.calls
    .slice(before)
    .find((c) => c.method === 'POST' && c.conversationId === user.conversationId && Array.isArray(c.body?.attachments));
  if (!call)
    throw new Error(
      `no card sent to ${user.name}; calls: ${JSON.stringify(h.connector.calls.slice(before).map((c) => `${c.method} ${c.path}`))}`,
    );
  return call;
}

/** The first card among the bot's replies (see `say`). */
export function cardReply(calls: ConnectorCall[]): ConnectorCall {
  const call = calls.find((c) => Array.isArray(c.body?.attachments));
  if (!call) throw new Error(`no card among ${JSON.stringify(calls.map((c) => c.body?.type))}`);
  return call;
}

export function activityIdOf(call: ConnectorCall): string {
  const id = (call.response as { id?: string } | null)?.id;
  if (!id) throw new Error('the connector answered without an id');
  return id;
}

export interface InvokeResult {
  status: number;
  body: { statusCode: number; type: string; value: unknown };
}

/** Clicks an Action.Execute on the card message `replyToId` as `user`; `data` is the action data merged with input values. */
export async function click(
  h: Harness,
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  replyToId: string,
  extra: { localTimezone?: string | null; locale?: string; state?: string } = {},
): Promise<InvokeResult> {
  const result = await h.activity(cardActionActivity(user, verb, data, { serviceUrl: h.serviceUrl, replyToId, ...extra }));
  return result as InvokeResult;
}

/** Teams refreshing the card message `replyToId` on its own, as its `refresh.action` asks (`trigger: 'automatic'`). */
export async function autoRefresh(
  h: Harness,
  user: TeamsUser,
  card: Record<string, unknown>,
  replyToId: string,
  extra: { localTimezone?: string | null; locale?: string } = {},
): Promise<InvokeResult> {
  const refresh = card.refresh as { action: { verb: string; data: Record<string, unknown> }; userIds: string[] } | undefined;
  if (!refresh?.userIds.includes(user.id)) throw new Error(`the card asks no refresh for ${user.name}: ${JSON.stringify(card.refresh)}`);
  const activity = cardActionActivity(user, refresh.action.verb, refresh.action.data, {
    serviceUrl: h.serviceUrl,
    replyToId,
    trigger: 'automatic',
    ...extra,
  });
  return (await h.activity(activity)) as InvokeResult;
}

export async function say(
  h: Harness,
  user: TeamsUser,
  text: string,
  extra: { locale?: string; localTimezone?: string | null } = {},
): Promise<ConnectorCall[]> {
  const before = h.connector.calls.length;
  const result = await h.activity(messageActivity(user, text, { serviceUrl: h.serviceUrl, ...extra }));
  if (result.status !== 200) throw new Error(`message failed: ${result.status} ${JSON.stringify(result.body)}`);
  await h.idle();
  return h.connector.calls.slice(before).filter((c) => c.conversationId === user.conversationId && c.method === 'POST');
}

/** The texts of the bot's replies among these calls (cards and "typing…" have none). */
export function replyTexts(calls: ConnectorCall[]): string[] {
  return calls.map((c) => c.body?.text).filter((text): text is string => typeof text === 'string');
}

export function finishRequests(h: Harness) {
  return h.sim.requestsTo('POST', '/api/workflowtasks/finish');
}

/** The DigiOffice user a bearer token belongs to, asked of the simulator itself. */
export async function digiOfficeUserOf(h: Harness, authorization: string | undefined): Promise<number | null> {
  const response = await fetch(`${h.sim.url}/api/users/me/info`, { headers: { authorization: authorization ?? '' } });
  if (response.status !== 200) return null;
  return ((await response.json()) as { ID: number }).ID;
}
