import { formatPath, parseNotificationBody } from '../../../src/notifications/schema';
import { AAD, APPROVE_ID, REJECT_ID, rawNotification } from './fixtures';

function errorsOf(body: unknown): Array<{ path: string; message: string }> {
  const result = parseNotificationBody(body);
  if (result.ok) throw new Error('expected the body to be rejected');
  return result.errors;
}

describe('parseNotificationBody()', () => {
  it('parses one notification into the typed form, dropping unknown fields and normalising GUIDs', () => {
    const body = rawNotification({
      id: 'sender-1',
      unknownEnvelopeField: true,
      recipient: { aadObjectId: '6F1D2C3B4A594E8F9B7A1C2D3E4F5A6B', userPrincipalName: ' Jan@Contoso.nl ', extra: 1 },
      transitions: [{ __type: 'WorkflowTransitionDTO', ID: '0F8FAD5BD9CB469FA16570867728950E', Name: 'Approve', IsNext: true }],
    });
    expect(parseNotificationBody(body)).toEqual({
      ok: true,
      batch: false,
      notifications: [
        {
          id: 'sender-1',
          event: 'task.assigned',
          recipient: { aadObjectId: AAD, userPrincipalName: 'Jan@Contoso.nl' },
          task: {
            ID: 42,
            Name: 'Approve invoice 2026-117',
            WorkflowDescription: 'Invoice approval',
            ExpirationDate: '2026-12-05T17:00:00.0000000',
            Urgent: true,
          },
          transitions: [
            {
              ID: APPROVE_ID,
              Name: 'Approve',
              AssignmentAtStartWorkflowIsAdHoc: false,
              AssignmentIsAdHocRequired: false,
              DeferAtStartWorkflowIsAdHoc: false,
              IsNext: true,
            },
          ],
          comment: { Required: false },
          reason: { Required: true },
        },
      ],
    });
  });

  it('ignores __type everywhere', () => {
    const result = parseNotificationBody(rawNotification({ __type: 'Envelope' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [parsed] = result.notifications;
    expect(JSON.stringify(parsed)).not.toContain('__type');
  });

  it('accepts task.closed without transitions, with closedBy and closedAt', () => {
    const body = rawNotification({
      event: 'task.closed',
      transitions: undefined,
      comment: undefined,
      reason: undefined,
      closedBy: 'Jan de Vries',
      closedAt: '2026-11-30T17:05:00.0000000',
    });
    const result = parseNotificationBody(body);
    expect(result.ok && result.notifications[0]).toMatchObject({
      event: 'task.closed',
      transitions: [],
      closedBy: 'Jan de Vries',
      closedAt: '2026-11-30T17:05:00.0000000',
    });
  });

  it('treats null optional fields as absent', () => {
    const body = rawNotification({
      recipient: { aadObjectId: null, email: 'jan@contoso.nl', userPrincipalName: null },
      comment: null,
      reason: null,
      closedBy: null,
    });
    const result = parseNotificationBody(body);
    if (!result.ok) throw new Error('expected the body to be accepted');
    const [parsed] = result.notifications;
    expect([parsed?.recipient, parsed?.comment, parsed?.reason, parsed?.closedBy]).toEqual([
      { email: 'jan@contoso.nl' },
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('names every invalid field with its path and why', () => {
    const body = {
      id: '',
      event: 'task.deleted',
      recipient: { aadObjectId: 'not-a-guid', email: 'jan(at)contoso' },
      task: { ID: 'x', Name: '' },
      transitions: [{ ID: APPROVE_ID }, { ID: 'nope', Name: 'Reject' }],
      comment: { Required: 'yes' },
      reason: {},
      closedBy: 5,
      closedAt: 'yesterday',
    };
    expect(errorsOf(body)).toEqual([
      { path: 'id', message: 'must not be empty' },
      { path: 'event', message: 'expected one of "task.assigned", "task.updated", "task.closed", got "task.deleted"' },
      { path: 'recipient.aadObjectId', message: 'expected a GUID' },
      { path: 'recipient.email', message: 'expected an e-mail address' },
      { path: 'task.ID', message: 'expected a number, got a string' },
      { path: 'task.Name', message: 'must not be empty' },
      { path: 'transitions[0].Name', message: 'required' },
      { path: 'transitions[1].ID', message: 'expected a GUID' },
      { path: 'comment.Required', message: 'expected a boolean, got a string' },
      { path: 'reason.Required', message: 'required' },
      { path: 'closedBy', message: 'expected a string, got a number' },
      { path: 'closedAt', message: 'expected a DigiOffice date like 2026-11-30T17:05:00.0000000' },
    ]);
  });

  it('requires event, recipient and task', () => {
    expect(errorsOf({})).toEqual([
      { path: 'event', message: 'required' },
      { path: 'recipient', message: 'required' },
      { path: 'task', message: 'required' },
    ]);
  });

  it('requires at least one recipient identity', () => {
    expect(errorsOf(rawNotification({ recipient: {} }))).toEqual([
      { path: 'recipient', message: 'at least one of aadObjectId, userPrincipalName, email is required' },
    ]);
    expect(errorsOf(rawNotification({ recipient: { aadObjectId: null, userPrincipalName: '  ' } }))).toEqual([
      { path: 'recipient.userPrincipalName', message: 'must not be empty' },
    ]);
  });

  it('rejects fractional and non-positive task ids', () => {
    expect(errorsOf(rawNotification({ task: { ID: 4.5, Name: 'x' } }))).toEqual([
      { path: 'task.ID', message: 'expected an integer, got a fractional number' },
    ]);
    expect(errorsOf(rawNotification({ task: { ID: 0, Name: 'x' } }))).toEqual([{ path: 'task.ID', message: 'must be greater than 0' }]);
  });

  it.each(['task.assigned', 'task.updated'])('requires at least one transition for %s, also next to other errors', (event) => {
    expect(errorsOf(rawNotification({ event, transitions: [] }))).toEqual([
      { path: 'transitions', message: `must contain at least one transition for ${event}` },
    ]);
    expect(errorsOf(rawNotification({ event, transitions: undefined, task: { ID: 42 } }))).toEqual([
      { path: 'task.Name', message: 'required' },
      { path: 'transitions', message: `must contain at least one transition for ${event}` },
    ]);
  });

  it('rejects a transitions value that is not a list', () => {
    expect(errorsOf(rawNotification({ transitions: { ID: APPROVE_ID } }))).toEqual([
      { path: 'transitions', message: 'expected an array, got an object' },
    ]);
  });

  it('rejects bodies that are not an object', () => {
    expect(errorsOf([rawNotification()])).toEqual([{ path: 'body', message: 'expected a JSON object' }]);
    expect(errorsOf(null)).toEqual([{ path: 'body', message: 'expected a JSON object' }]);
    expect(errorsOf('{"event":"task.assigned"}')).toEqual([{ path: 'body', message: 'expected a JSON object' }]);
  });

  it('limits id to 200 characters', () => {
    expect(errorsOf(rawNotification({ id: 'x'.repeat(201) }))).toEqual([{ path: 'id', message: 'must be at most 200 characters long' }]);
    expect(parseNotificationBody(rawNotification({ id: 'x'.repeat(200) })).ok).toBe(true);
  });

  describe('batches', () => {
    it('parses {"notifications": [...]} in order', () => {
      const result = parseNotificationBody({
        notifications: [rawNotification({ id: 'a' }), rawNotification({ id: 'b', event: 'task.updated' })],
      });
      expect(result.ok && { batch: result.batch, ids: result.notifications.map((n) => [n.id, n.event]) }).toEqual({
        batch: true,
        ids: [
          ['a', 'task.assigned'],
          ['b', 'task.updated'],
        ],
      });
    });

    it('accepts 100 notifications and refuses 101', () => {
      const items = (n: number) => Array.from({ length: n }, (_, i) => rawNotification({ id: `n${i}` }));
      const hundred = parseNotificationBody({ notifications: items(100) });
      expect(hundred.ok && hundred.notifications.length).toBe(100);
      expect(errorsOf({ notifications: items(101) })).toEqual([
        { path: 'notifications', message: 'a batch holds at most 100 notifications (got 101)' },
      ]);
    });

    it('refuses an empty batch and a batch that is not a list', () => {
      expect(errorsOf({ notifications: [] })).toEqual([
        { path: 'notifications', message: 'a batch must contain at least one notification' },
      ]);
      expect(errorsOf({ notifications: {} })).toEqual([{ path: 'notifications', message: 'expected an array, got an object' }]);
    });

    it('rejects the whole batch when item 3 is invalid, naming its fields by full path', () => {
      const items = [0, 1, 2, 3, 4].map((i) => rawNotification({ id: `n${i}` }));
      items[3] = rawNotification({ id: 'n3', task: { ID: -1, Name: 'x' }, recipient: {} });
      expect(parseNotificationBody({ notifications: items })).toEqual({
        ok: false,
        errors: [
          { path: 'notifications[3].recipient', message: 'at least one of aadObjectId, userPrincipalName, email is required' },
          { path: 'notifications[3].task.ID', message: 'must be greater than 0' },
        ],
      });
    });

    it('reports every invalid item', () => {
      expect(errorsOf({ notifications: [rawNotification({ event: 'x' }), rawNotification(), 7] })).toEqual([
        { path: 'notifications[0].event', message: 'expected one of "task.assigned", "task.updated", "task.closed", got "x"' },
        { path: 'notifications[2]', message: 'expected an object, got a number' },
      ]);
    });
  });
});

describe('formatPath()', () => {
  it('writes indexes in brackets and names with dots', () => {
    expect(formatPath(['notifications', 3, 'transitions', 0, 'ID'])).toBe('notifications[3].transitions[0].ID');
    expect(formatPath([])).toBe('body');
    expect(formatPath([2])).toBe('[2]');
  });
});

describe('transition ids', () => {
  it('are normalised to the hyphenated lower-case form', () => {
    const result = parseNotificationBody(rawNotification({ transitions: [{ ID: REJECT_ID.toUpperCase(), Name: 'Reject' }] }));
    expect(result.ok && result.notifications[0]?.transitions.map((t) => t.ID)).toEqual([REJECT_ID]);
  });
});
