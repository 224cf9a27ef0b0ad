import { parseNotificationBody } from '../../../src/notifications/schema';
import { WEBHOOK_LIMITS } from '../../../src/notifications/webhookFields';
import { APPROVE_ID, rawNotification } from './fixtures';

function errorsOf(body: unknown): Array<{ path: string; message: string }> {
  const result = parseNotificationBody(body);
  if (result.ok) throw new Error('expected the body to be rejected');
  return result.errors;
}

const task = (fields: Record<string, unknown>) => ({ task: { ID: 42, Name: 'Approve invoice', ...fields } });

describe('dates at the door', () => {
  const impossible = '2026-13-45T25:61:00';

  it.each([
    ['closedAt', { event: 'task.closed', closedAt: impossible }],
    ['task.ExpirationDate', task({ ExpirationDate: impossible })],
    ['task.AssignedDate', task({ AssignedDate: impossible })],
    ['transitions[0].DeferUntil', { transitions: [{ ID: APPROVE_ID, Name: 'Approve', DeferUntil: impossible }] }],
  ])('refuses an impossible %s, naming the field', (path, overrides) => {
    expect(errorsOf(rawNotification(overrides))).toEqual([{ path, message: 'not a real date' }]);
  });

  it.each([
    ['2026-02-30T10:00:00.0000000', 'not a real date'],
    ['2026-11-30T24:00:00', 'not a real date'],
    ['2026-11-30T17:05:60', 'not a real date'],
    ['2026-11-30T17:05:00+15:00', 'not a real date'],
    ['2026-11-30T17:05:00+01:60', 'not a real date'],
    ['/Date(99999999999999999999)/', 'not a real date'],
    ['30-11-2026', 'expected a DigiOffice date like 2026-11-30T17:05:00.0000000'],
    ['2026-11-30T17:05:00.00000000', 'expected a DigiOffice date like 2026-11-30T17:05:00.0000000'],
    [' 2026-11-30T17:05:00', 'expected a DigiOffice date like 2026-11-30T17:05:00.0000000'],
    ['', 'expected a DigiOffice date like 2026-11-30T17:05:00.0000000'],
  ])('refuses closedAt %j: %s', (closedAt, message) => {
    expect(errorsOf(rawNotification({ event: 'task.closed', closedAt }))).toEqual([{ path: 'closedAt', message }]);
  });

  it.each([
    '2026-11-30T17:05:00.0000000',
    '2026-11-30T17:05:00',
    '2026-11-30T17:05',
    '2026-11-30',
    '2028-02-29T08:00:00.0000000',
    '2026-11-30T17:05:00Z',
    '2026-11-30T17:05:00.123456789+01:00',
    '2026-11-30T17:05:00-0500',
    '/Date(1764518700000)/',
    '/Date(1764518700000+0100)/',
  ])('accepts closedAt %j, a form DigiOffice writes', (closedAt) => {
    const result = parseNotificationBody(rawNotification({ event: 'task.closed', closedAt }));
    expect(result.ok && result.notifications[0]?.closedAt).toBe(closedAt);
  });
});

describe('limits set by the card and by storage', () => {
  const { taskText, transitionName, transitions, link, closedBy, recipientId } = WEBHOOK_LIMITS;

  it('accepts every text at its limit', () => {
    const body = rawNotification({
      ...task({
        Name: 'n'.repeat(taskText),
        WorkflowDescription: 'w'.repeat(taskText),
        StatusDescription: 's'.repeat(taskText),
        TypeDescription: 't'.repeat(taskText),
        RelativeDetailLink: `/${'l'.repeat(link - 1)}`,
      }),
      transitions: Array.from({ length: transitions }, () => ({ ID: APPROVE_ID, Name: 'x'.repeat(transitionName) })),
      closedBy: 'c'.repeat(closedBy),
      recipient: { userPrincipalName: `${'u'.repeat(recipientId - 12)}@example.com` },
    });
    expect(parseNotificationBody(body).ok).toBe(true);
  });

  it('refuses each text one character over its limit, naming the field', () => {
    const body = rawNotification({
      ...task({
        Name: 'n'.repeat(taskText + 1),
        WorkflowDescription: 'w'.repeat(taskText + 1),
        StatusDescription: 's'.repeat(taskText + 1),
        TypeDescription: 't'.repeat(taskText + 1),
        RelativeDetailLink: `/${'l'.repeat(link)}`,
      }),
      transitions: [{ ID: APPROVE_ID, Name: 'x'.repeat(transitionName + 1) }],
      closedBy: 'c'.repeat(closedBy + 1),
      recipient: { userPrincipalName: `${'u'.repeat(recipientId - 11)}@example.com`, email: `${'e'.repeat(recipientId - 11)}@example.com` },
    });
    expect(errorsOf(body)).toEqual([
      { path: 'recipient.userPrincipalName', message: `must be at most ${recipientId} characters long` },
      { path: 'recipient.email', message: `must be at most ${recipientId} characters long` },
      { path: 'task.Name', message: `must be at most ${taskText} characters long` },
      { path: 'task.WorkflowDescription', message: `must be at most ${taskText} characters long` },
      { path: 'task.StatusDescription', message: `must be at most ${taskText} characters long` },
      { path: 'task.TypeDescription', message: `must be at most ${taskText} characters long` },
      { path: 'task.RelativeDetailLink', message: `must be at most ${link} characters long` },
      { path: 'transitions[0].Name', message: `must be at most ${transitionName} characters long` },
      { path: 'closedBy', message: `must be at most ${closedBy} characters long` },
    ]);
  });

  it(`refuses more than ${transitions} transitions`, () => {
    const many = Array.from({ length: transitions + 1 }, () => ({ ID: APPROVE_ID, Name: 'Approve' }));
    expect(errorsOf(rawNotification({ transitions: many }))).toEqual([
      { path: 'transitions', message: `must contain at most ${transitions} items` },
    ]);
  });

  it('refuses control characters and lone surrogates in shown text, and keeps line breaks, tabs and emoji', () => {
    expect(
      errorsOf(rawNotification({ ...task({ Name: 'Approve\u0000invoice', WorkflowDescription: 'bad \uD800 half' }), closedBy: 'x\u001b' })),
    ).toEqual([
      { path: 'task.Name', message: 'must not contain control characters' },
      { path: 'task.WorkflowDescription', message: 'must not contain control characters' },
      { path: 'closedBy', message: 'must not contain control characters' },
    ]);
    const fine = parseNotificationBody(rawNotification(task({ Name: 'Factuur\t2026\r\nGoedkeuren 👍 é' })));
    expect(fine.ok && fine.notifications[0]?.task.Name).toBe('Factuur\t2026\r\nGoedkeuren 👍 é');
  });

  it('accepts a user principal name in printable ASCII only', () => {
    expect(errorsOf(rawNotification({ recipient: { userPrincipalName: 'jan de vries@contoso.nl' } }))).toEqual([
      { path: 'recipient.userPrincipalName', message: 'expected a user principal name: ASCII letters, digits and symbols, no spaces' },
    ]);
    expect(errorsOf(rawNotification({ recipient: { userPrincipalName: 'jösé@contoso.nl' } }))).toEqual([
      { path: 'recipient.userPrincipalName', message: 'expected a user principal name: ASCII letters, digits and symbols, no spaces' },
    ]);
    const odd = parseNotificationBody(rawNotification({ recipient: { userPrincipalName: "o'neil.~#^!_-x@contoso.nl" } }));
    expect(odd.ok && odd.notifications[0]?.recipient).toEqual({ userPrincipalName: "o'neil.~#^!_-x@contoso.nl" });
  });
});
