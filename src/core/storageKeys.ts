import { createHash } from 'node:crypto';
import { userPath, type UserKey } from './userKey';

/**
 * Where every stored thing lives: the one place that builds storage keys (docs/architecture.md, "Storage layout").
 * `{user}` is `userPath` (tenant id / AAD object id, normalised and URI-encoded). Strings a sender or user chose
 * (notification keys, recipient names, lanes, sign-in states) are hashed into keys: backends limit key length and
 * characters, and a sign-in state must not be usable by whoever reads the storage.
 *
 * | key                                                    | holds                                               |
 * |--------------------------------------------------------|-----------------------------------------------------|
 * | `task/{user}/{taskId}`                                 | TaskSnapshot: what the bot knows of a task it sent  |
 * | `finish-lock/{user}/{taskId}`                          | a click being posted to DigiOffice (FinishLocks)    |
 * | `installation/{user}`                                  | Installation: the user's 1:1 conversation           |
 * | `installation-index/{recipientKey}`                    | aad:/upn:/email: → the installation's user          |
 * | `tokens/{user}`                                        | the user's DigiOffice tokens, encrypted             |
 * | `signin-state/{sha256(state)}`                         | a single-use sign-in link                           |
 * | `signin-code/{user}/{sha256(code)}`                    | tokens waiting for their one-time code, encrypted   |
 * | `signin-attempt/{sha256(bucket)}/{slot}`               | a sign-in attempt that counts against a limit       |
 * | `outbox/{recordId}`                                    | an accepted notification and its delivery state     |
 * | `outbox-key/{sha256(notificationKey)}`                 | idempotency: which record a notification became     |
 * | `outbox-pending/{sha256(recipientKey)[0..32]}/{id}`    | parked records by each of their recipient's keys    |
 * | `outbox-lane/{sha256(lane)[0..32]}/{order}_{id}`       | unfinished records by lane, in acceptance order     |
 * | `outbox-failed/{order}_{id}`                           | failed records, in acceptance order                 |
 * | `readiness-probe`                                      | never written; `/readyz` reads it                   |
 */

export const TASK_PREFIX = 'task/';
export const OUTBOX_RECORD_PREFIX = 'outbox/';
export const OUTBOX_KEY_PREFIX = 'outbox-key/';
export const OUTBOX_PENDING_PREFIX = 'outbox-pending/';
export const OUTBOX_LANE_PREFIX = 'outbox-lane/';
export const OUTBOX_FAILED_PREFIX = 'outbox-failed/';
export const READINESS_PROBE_KEY = 'readiness-probe';
export const SIGN_IN_STATE_PREFIX = 'signin-state/';
export const SIGN_IN_CODE_PREFIX = 'signin-code/';
export const SIGN_IN_ATTEMPT_PREFIX = 'signin-attempt/';

/** The prefix of every task snapshot of the user. */
export function userTasksPrefix(user: UserKey): string {
  return `${TASK_PREFIX}${userPath(user)}/`;
}

export function taskKey(user: UserKey, taskId: number): string {
  return `${userTasksPrefix(user)}${taskId}`;
}

export function finishLockKey(user: UserKey, taskId: number): string {
  return `finish-lock/${userPath(user)}/${taskId}`;
}

export function installationKey(user: UserKey): string {
  return `installation/${userPath(user)}`;
}

/** `recipientKey` as `recipientKeys` (userKey.ts) builds it: `aad:…`, `upn:…` or `email:…`, normalised. */
export function installationIndexKey(recipientKey: string): string {
  return `installation-index/${recipientKey}`;
}

/** Also the associated data of the tokens' encryption: a record copied to another user's key does not decrypt. */
export function tokensKey(user: UserKey): string {
  return `tokens/${userPath(user)}`;
}

export function signInStateKey(state: string): string {
  return `${SIGN_IN_STATE_PREFIX}${sha256(state)}`;
}

/**
 * Under the user it was issued to, so a code typed (or passed by Teams) for another user is not even found. Also the
 * associated data of the waiting tokens' encryption.
 */
export function signInCodeKey(user: UserKey, code: string): string {
  return `${SIGN_IN_CODE_PREFIX}${userPath(user)}/${sha256(code)}`;
}

/** The attempt slots of a limit (`bucket` names what is limited: a Teams user, a DigiOffice user name). */
export function signInAttemptPrefix(bucket: string): string {
  return `${SIGN_IN_ATTEMPT_PREFIX}${sha256(bucket)}/`;
}

export function signInAttemptKey(bucket: string, slot: number): string {
  return `${signInAttemptPrefix(bucket)}${slot}`;
}

export function outboxRecordKey(recordId: string): string {
  return `${OUTBOX_RECORD_PREFIX}${recordId}`;
}

export function outboxKeyRecordKey(notificationKey: string): string {
  return `${OUTBOX_KEY_PREFIX}${sha256(notificationKey)}`;
}

export function outboxPendingPrefix(recipientKey: string): string {
  return `${OUTBOX_PENDING_PREFIX}${sha256(recipientKey).slice(0, 32)}/`;
}

export function outboxPendingKey(recipientKey: string, recordId: string): string {
  return `${outboxPendingPrefix(recipientKey)}${recordId}`;
}

export function outboxLanePrefix(lane: string): string {
  return `${OUTBOX_LANE_PREFIX}${sha256(lane).slice(0, 32)}/`;
}

/** The order is in the key, so a lane's order is known from one listing. */
export function outboxLaneKey(entry: { lane: string; order: number; id: string }): string {
  return `${outboxLanePrefix(entry.lane)}${entry.order}_${entry.id}`;
}

/** The order and record id of a lane key; null for a key that is not one. */
export function parseOutboxLaneKey(key: string): { order: number; id: string } | null {
  const match = /^outbox-lane\/[0-9a-f]{32}\/(\d+)_(.+)$/.exec(key);
  return match ? { order: Number(match[1]), id: match[2] as string } : null;
}

export function outboxFailedKey(entry: { order: number; id: string }): string {
  return `${OUTBOX_FAILED_PREFIX}${entry.order}_${entry.id}`;
}

/** The order and record id of a failed-index key; null for a key that is not one. */
export function parseOutboxFailedKey(key: string): { order: number; id: string } | null {
  const match = /^outbox-failed\/(\d+)_(.+)$/.exec(key);
  return match ? { order: Number(match[1]), id: match[2] as string } : null;
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
