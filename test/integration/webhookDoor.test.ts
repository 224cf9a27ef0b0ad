import { WEBHOOK_LIMITS } from '../../src/notifications/webhookFields';
import { startAzurite, uniqueContainer, type Azurite } from '../helpers/azurite';
import { cardMessageSince } from '../helpers/flows';
import { startHarness, type Harness } from '../helpers/harness';
import type { TeamsUser } from '../helpers/teamsActivities';

/**
 * What the door accepts, the bot can deliver: recipient ids at their longest, in the characters that grow most in a
 * storage key (each printable ASCII character outside A-Z, a-z, 0-9, _ and - takes three in an Azure blob name),
 * are stored and delivered on both backends; what cannot be delivered is refused at the door with a 400.
 */

const { recipientId: LONGEST } = WEBHOOK_LIMITS;

/** `'.!#^~'.!…@d.d.…nl`, exactly 320 characters. */
function longestUpn(): string {
  const domain = `${'d.'.repeat(20)}nl`;
  const local = "'.!#^~".repeat(60).slice(0, LONGEST - domain.length - 1);
  return `${local}@${domain}`;
}

/** `'+'+…+@e.e.…nl`, exactly 320 characters, a valid e-mail address. */
function longestEmail(): string {
  const domain = `${'e.'.repeat(20)}nl`;
  const local = `${"'+".repeat(200).slice(0, LONGEST - domain.length - 2)}+`;
  return `${local}@${domain}`;
}

const LONG: TeamsUser = {
  id: '29:1long-ids-mri',
  name: 'Long Ids',
  aadObjectId: 'c1b2c3d4-0000-4000-8000-0000000000c3',
  userPrincipalName: longestUpn(),
  email: longestEmail(),
  conversationId: 'a:1personal-chat-long',
};

describe.each(['sqlite', 'azure'] as const)('webhook door, STORAGE=%s', (backend) => {
  let azurite: Azurite | null = null;
  let h: Harness;
  beforeAll(async () => {
    azurite = backend === 'azure' ? await startAzurite() : null;
    const env: Record<string, string> = azurite
      ? { STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: uniqueContainer('door') }
      : {};
    h = await startHarness({ env });
    await h.install(LONG);
  });
  afterAll(async () => {
    await h.close();
    await azurite?.stop();
  });

  it(`delivers to a ${LONGEST}-character user principal name and e-mail address`, async () => {
    expect([LONG.userPrincipalName.length, LONG.email.length]).toEqual([LONGEST, LONGEST]);

    const byUpn = h.connector.calls.length;
    expect(await h.notify({ ...h.sim.notificationFor(42, { userPrincipalName: LONG.userPrincipalName }), id: 'long-upn' })).toEqual({
      status: 202,
      body: { id: 'long-upn', status: 'queued' },
    });
    await h.idle();
    expect(JSON.stringify(cardMessageSince(h, LONG, byUpn).body)).toContain('"taskIds":[42]');

    const byEmail = h.connector.calls.length;
    expect(await h.notify({ ...h.sim.notificationFor(43, { email: LONG.email }), id: 'long-email' })).toEqual({
      status: 202,
      body: { id: 'long-email', status: 'queued' },
    });
    await h.idle();
    expect(JSON.stringify(cardMessageSince(h, LONG, byEmail).body)).toContain('"taskIds":[43]');
  });

  it('refuses at the door, naming the field, what no user can have: a UPN that is not ASCII, an id over the limit', async () => {
    const before = h.connector.calls.length;
    const response = await h.notify(
      h.sim.notificationFor(42, { userPrincipalName: `${'é'.repeat(300)}@example.com`, email: `x${LONG.email}` }),
    );
    await h.idle();

    expect(response).toEqual({
      status: 400,
      body: {
        error: 'invalidNotification',
        message:
          'recipient.userPrincipalName: expected a user principal name: ASCII letters, digits and symbols, no spaces; ' +
          `recipient.email: must be at most ${LONGEST} characters long`,
        errors: [
          { path: 'recipient.userPrincipalName', message: 'expected a user principal name: ASCII letters, digits and symbols, no spaces' },
          { path: 'recipient.email', message: `must be at most ${LONGEST} characters long` },
        ],
      },
    });
    expect(h.connector.calls.length).toBe(before);
  });

  it.each([
    ['closedAt', (n: Record<string, unknown>) => ({ ...n, event: 'task.closed', closedAt: '2026-13-45T25:61:00' })],
    [
      'task.ExpirationDate',
      (n: Record<string, unknown>) => ({ ...n, task: { ...(n.task as object), ExpirationDate: '2026-13-45T25:61:00' } }),
    ],
    ['task.AssignedDate', (n: Record<string, unknown>) => ({ ...n, task: { ...(n.task as object), AssignedDate: '2026-02-30T10:00:00' } })],
    [
      'transitions[0].DeferUntil',
      (n: Record<string, unknown>) => ({
        ...n,
        transitions: (n.transitions as object[]).map((t, i) => (i === 0 ? { ...t, DeferUntil: '2026-11-31T08:00:00.0000000' } : t)),
      }),
    ],
  ])('refuses an impossible %s with 400 naming the field, and queues nothing', async (path, spoil) => {
    const before = h.connector.calls.length;
    const valid = h.sim.notificationFor(44, { userPrincipalName: LONG.userPrincipalName }) as unknown as Record<string, unknown>;
    const response = await h.notify(spoil(valid));
    await h.idle();

    expect(response).toEqual({
      status: 400,
      body: { error: 'invalidNotification', message: `${path}: not a real date`, errors: [{ path, message: 'not a real date' }] },
    });
    expect(h.connector.calls.length).toBe(before);
  });

  it('delivers task.closed with a real closedAt (what the impossible one blocked before)', async () => {
    const before = h.connector.calls.length;
    const closed = { ...h.sim.notificationFor(42, { userPrincipalName: LONG.userPrincipalName }, 'task.closed'), id: 'long-closed' };
    expect(await h.notify({ ...closed, closedBy: 'Jan de Vries', closedAt: '2026-11-30T17:05:00.0000000' })).toEqual({
      status: 202,
      body: { id: 'long-closed', status: 'queued' },
    });
    await h.idle();
    const update = h.connector.calls.slice(before).find((c) => c.method === 'PUT' && c.conversationId === LONG.conversationId);
    expect(JSON.stringify(update?.body)).toContain('Jan de Vries');
  });
});
