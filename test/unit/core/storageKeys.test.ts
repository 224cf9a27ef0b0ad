import {
  finishLockKey,
  installationIndexKey,
  installationKey,
  outboxFailedKey,
  outboxKeyRecordKey,
  outboxLaneKey,
  outboxPendingKey,
  outboxRecordKey,
  parseOutboxFailedKey,
  parseOutboxLaneKey,
  signInAttemptKey,
  signInAttemptPrefix,
  signInStateKey,
  taskKey,
  tokensKey,
  userTasksPrefix,
} from '../../../src/core/storageKeys';
import { recipientKeys, userPath } from '../../../src/core/userKey';

const ALEX = { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', aadObjectId: 'a1b2c3d4-0000-4000-8000-00000000a1e7' };
const USER = `${ALEX.tenantId}/${ALEX.aadObjectId}`;

describe('the storage layout', () => {
  it('keys what belongs to a user under tenant id / AAD object id', () => {
    expect([taskKey(ALEX, 42), userTasksPrefix(ALEX), finishLockKey(ALEX, 42), installationKey(ALEX), tokensKey(ALEX)]).toEqual([
      `task/${USER}/42`,
      `task/${USER}/`,
      `finish-lock/${USER}/42`,
      `installation/${USER}`,
      `tokens/${USER}`,
    ]);
  });

  it('keys the installation index by the normalised recipient keys', () => {
    const keys = recipientKeys({ aadObjectId: ' A1B2C3D400004000800000000000A1E7', userPrincipalName: 'AlexW@Example.com ' });
    expect(keys.map(installationIndexKey)).toEqual([
      'installation-index/aad:a1b2c3d4-0000-4000-8000-00000000a1e7',
      'installation-index/upn:alexw@example.com',
    ]);
  });

  it('hashes what senders and users choose: sign-in states, notification keys, recipient keys and lanes', () => {
    expect(signInStateKey('state-1')).toMatch(/^signin-state\/[0-9a-f]{64}$/);
    expect(signInStateKey('state-1')).not.toContain('state-1');
    expect(outboxRecordKey('r1')).toBe('outbox/r1');
    expect(outboxKeyRecordKey('id:n-1')).toMatch(/^outbox-key\/[0-9a-f]{64}$/);
    expect(outboxPendingKey('upn:alexw@example.com', 'r1')).toMatch(/^outbox-pending\/[0-9a-f]{32}\/r1$/);
    expect(outboxLaneKey({ lane: '42|upn:alexw@example.com', order: 1796459400000000, id: 'r1' })).toMatch(
      /^outbox-lane\/[0-9a-f]{32}\/1796459400000000_r1$/,
    );
  });

  it('reads the order and record id back from a lane key, and nothing from another key', () => {
    const key = outboxLaneKey({ lane: '42|aad:x', order: 17, id: 'r_1' });
    expect(parseOutboxLaneKey(key)).toEqual({ order: 17, id: 'r_1' });
    expect(parseOutboxLaneKey('outbox/r1')).toBeNull();
  });

  it('keys a failed record by acceptance order and id, and reads them back', () => {
    expect(outboxFailedKey({ order: 1796459400000000, id: 'r_1' })).toBe('outbox-failed/1796459400000000_r_1');
    expect(parseOutboxFailedKey('outbox-failed/1796459400000000_r_1')).toEqual({ order: 1796459400000000, id: 'r_1' });
    expect(parseOutboxFailedKey(outboxLaneKey({ lane: '42|aad:x', order: 17, id: 'r1' }))).toBeNull();
  });

  it('keeps the attempt slots of a limit under one hashed prefix', () => {
    expect(signInAttemptPrefix('teams:alex')).toMatch(/^signin-attempt\/[0-9a-f]{64}\/$/);
    expect(signInAttemptKey('teams:alex', 3)).toBe(`${signInAttemptPrefix('teams:alex')}3`);
  });
});

describe('userPath()', () => {
  it('is the one normalisation of a user: trimmed, lower case, URI-encoded', () => {
    expect(userPath({ tenantId: ` ${ALEX.tenantId.toUpperCase()}`, aadObjectId: ALEX.aadObjectId.toUpperCase() })).toBe(USER);
  });

  it('escapes a / inside an id, so one user can never reach another user’s keys', () => {
    expect(tokensKey({ tenantId: 'a/b', aadObjectId: 'c' })).not.toBe(tokensKey({ tenantId: 'a', aadObjectId: 'b/c' }));
    expect(taskKey({ tenantId: 'a/b', aadObjectId: 'c' }, 1)).toBe('task/a%2Fb/c/1');
  });
});
