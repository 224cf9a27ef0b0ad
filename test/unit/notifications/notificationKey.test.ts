import { recipientKeys } from '../../../src/core/userKey';
import { canonicalJson, notificationKey } from '../../../src/notifications/notificationKey';
import { AAD, REJECT_ID, notification } from './fixtures';

describe('recipientKeys()', () => {
  it('gives normalised keys, most specific first', () => {
    expect(
      recipientKeys({
        email: 'Jan@Contoso.NL',
        userPrincipalName: ' JAN@contoso.onmicrosoft.com ',
        aadObjectId: AAD.toUpperCase().replace(/-/g, ''),
      }),
    ).toEqual([`aad:${AAD}`, 'upn:jan@contoso.onmicrosoft.com', 'email:jan@contoso.nl']);
  });

  it('skips absent, null and blank names', () => {
    expect(recipientKeys({ aadObjectId: null, userPrincipalName: '', email: 'a@b.nl' })).toEqual(['email:a@b.nl']);
    expect(recipientKeys({})).toEqual([]);
  });
});

describe('notificationKey()', () => {
  it("is the sender's id when given, namespaced", () => {
    expect(notificationKey(notification({ id: 'evt-1' }))).toBe('id:evt-1');
  });

  it('treats a repeated task.assigned for the same task and recipient as a duplicate, whatever its content', () => {
    const first = notification();
    const second = notification({ task: { ID: 42, Name: 'Renamed', Urgent: false }, transitions: [{ ID: REJECT_ID, Name: 'Reject' }] });
    expect(notificationKey(first)).toBe(`assigned:42:aad:${AAD}`);
    expect(notificationKey(second)).toBe(notificationKey(first));
  });

  it('keys task.assigned by task and recipient', () => {
    expect(notificationKey(notification({ task: { ID: 43, Name: 'x' } }))).toBe(`assigned:43:aad:${AAD}`);
    expect(notificationKey(notification({ recipient: { userPrincipalName: 'Jan@Contoso.nl' } }))).toBe('assigned:42:upn:jan@contoso.nl');
  });

  it('tells task.updated with different content apart, and finds identical ones equal', () => {
    const updated = notification({ event: 'task.updated' });
    const changed = notification({
      event: 'task.updated',
      task: { ID: 42, Name: 'Approve invoice 2026-117', ExpirationDate: '2026-12-06T17:00:00.0000000' },
    });
    const reordered = notification({ event: 'task.updated', reason: { Required: true }, comment: { Required: false } });
    expect(notificationKey(updated)).toMatch(/^task\.updated:42:[0-9a-f]{64}$/);
    expect(notificationKey(changed)).not.toBe(notificationKey(updated));
    expect(notificationKey(reordered)).toBe(notificationKey(updated));
  });

  it('tells events and recipients apart for the same content', () => {
    const updated = notificationKey(notification({ event: 'task.updated' }));
    const closed = notificationKey(notification({ event: 'task.closed' }));
    const otherRecipient = notificationKey(notification({ event: 'task.updated', recipient: { email: 'piet@contoso.nl' } }));
    expect(new Set([updated, closed, otherRecipient]).size).toBe(3);
  });
});

describe('canonicalJson()', () => {
  it('sorts keys at every level and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[2,{"f":1}]},"b":1}',
    );
  });
});
