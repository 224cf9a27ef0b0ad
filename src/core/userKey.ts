import { GUID_PATTERN, normaliseGuid } from './guid';

/** Who a stored thing belongs to: a Teams user, by tenant and Entra (AAD) object id. */
export interface UserKey {
  tenantId: string;
  aadObjectId: string;
}

/**
 * The one normalisation of a user's ids: trimmed and lower case (Entra ids are GUIDs, which compare
 * case-insensitively). Every UserKey the bot builds from outside input goes through here.
 */
export function userKeyOf(user: UserKey): UserKey {
  return { tenantId: user.tenantId.trim().toLowerCase(), aadObjectId: user.aadObjectId.trim().toLowerCase() };
}

/**
 * `{tenantId}/{aadObjectId}`, normalised as `userKeyOf` does and URI-encoded (so a `/` inside an id cannot shift
 * into another key): the user's part of every storage key, and the key of per-user state in memory.
 */
export function userPath(user: UserKey): string {
  const { tenantId, aadObjectId } = userKeyOf(user);
  return `${encodeURIComponent(tenantId)}/${encodeURIComponent(aadObjectId)}`;
}

/** The ways a notification may name its recipient; an installation (UPN and e-mail nullable) fits too. */
export interface RecipientIds {
  aadObjectId?: string | null;
  userPrincipalName?: string | null;
  email?: string | null;
}

/**
 * Normalised lookup keys of a recipient, most specific first: `aad:{guid}`, `upn:{upn}`, `email:{address}`, all
 * lower case (UPNs and addresses are case-insensitive in Entra; GUIDs in the hyphenated form).
 */
export function recipientKeys(recipient: RecipientIds): string[] {
  const keys: string[] = [];
  const aad = recipient.aadObjectId?.trim();
  if (aad) keys.push(`aad:${GUID_PATTERN.test(aad) ? normaliseGuid(aad) : aad.toLowerCase()}`);
  const upn = recipient.userPrincipalName?.trim();
  if (upn) keys.push(`upn:${upn.toLowerCase()}`);
  const email = recipient.email?.trim();
  if (email) keys.push(`email:${email.toLowerCase()}`);
  return [...new Set(keys)];
}
