import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { byId, cardOf, finishActions, ofType, texts } from '../helpers/cardQueries';
import { deliverTask } from '../helpers/flows';
import { useHarness } from '../helpers/harness';
import { ALEX, BOT, installActivity, JAN, uninstallActivity } from '../helpers/teamsActivities';

describe('task delivery (POST /api/notifications → card in the 1:1 chat)', () => {
  const h = useHarness();

  it('sends the assignee a card with one Action.Execute per transition, the IsNext one first', async () => {
    await h.install(ALEX);
    const { card } = await deliverTask(h, ALEX, 42);

    expect(card.version).toBe('1.5');
    expect(finishActions(card)).toEqual([
      {
        type: 'Action.Execute',
        title: 'Approve',
        verb: 'task.finish',
        data: { taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove, rev: 1 },
        style: 'positive',
      },
      {
        type: 'Action.Execute',
        title: 'Reject',
        verb: 'task.finish',
        data: { taskIds: [42], transitionId: TRANSITION_IDS.invoiceReject, rev: 1 },
        style: 'default',
      },
    ]);
    expect(ofType(card, 'Action.Execute').filter((a) => a.verb === 'task.defer')).toEqual([
      { type: 'Action.Execute', verb: 'task.defer', title: 'Defer', data: { taskIds: [42], rev: 1 } },
    ]);
    expect(byId(card, 'comment')).toMatchObject({ type: 'Input.Text', isMultiline: true });
    expect(byId(card, 'reason')).toMatchObject({ type: 'Input.Text' });
    expect(byId(card, 'assignees')).toBeUndefined();
    expect(byId(card, 'deferUntilDate')).toBeUndefined();
    expect(texts(card)).toEqual(expect.arrayContaining(['Approve invoice INV-2026-0042']));
    expect(ofType(card, 'Action.OpenUrl')).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in DigiOffice', url: `${h.sim.url}/workflow/tasks/42` },
    ]);
  });

  it('shows the assignee picker and deferral inputs only for tasks whose transitions ask for them', async () => {
    await h.install(ALEX);
    const drawing = (await deliverTask(h, ALEX, 43)).card;
    expect(byId(drawing, 'assignees')).toMatchObject({
      type: 'Input.ChoiceSet',
      isMultiSelect: true,
      style: 'filtered',
      'choices.data': { type: 'Data.Query', dataset: 'digioffice.assignees:43' },
    });
    expect(byId(drawing, 'deferUntilDate')).toBeUndefined();

    const contract = (await deliverTask(h, ALEX, 44)).card;
    expect(byId(contract, 'assignees')).toBeUndefined();
    expect(byId(contract, 'deferUntilDate')).toMatchObject({ type: 'Input.Date' });
    expect(byId(contract, 'deferUntilTime')).toMatchObject({ type: 'Input.Time' });
    expect(byId(contract, 'deferralNote')).toMatchObject({ type: 'Input.Text' });
    expect(byId(contract, 'reason')).toMatchObject({ type: 'Input.Text', isRequired: true });
  });

  it('answers 202 queued, then duplicate for the same task.assigned, and posts one card only', async () => {
    await h.install(ALEX);
    const notification = h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName });
    const first = await h.notify(notification);
    const second = await h.notify(notification);
    await h.idle();

    expect(first).toEqual({ status: 202, body: { id: expect.any(String), status: 'queued' } });
    expect(second).toEqual({ status: 202, body: { id: expect.any(String), status: 'duplicate' } });
    expect(h.connector.calls.filter((c) => c.method === 'POST' && Array.isArray(c.body?.attachments))).toHaveLength(1);
  });

  it('addresses the recipient by AAD object id, UPN or e-mail alike (upper case too)', async () => {
    await h.install(ALEX);
    const results = [
      await h.notify(h.sim.notificationFor(42, { aadObjectId: ALEX.aadObjectId.toUpperCase() })),
      await h.notify(h.sim.notificationFor(43, { userPrincipalName: ALEX.userPrincipalName.toUpperCase() })),
      await h.notify(h.sim.notificationFor(44, { email: ALEX.email })),
    ];
    await h.idle();
    expect(results.map((r) => (r.body as { status: string }).status)).toEqual(['queued', 'queued', 'queued']);
    const cards = h.connector.calls.filter((c) => c.conversationId === ALEX.conversationId && Array.isArray(c.body?.attachments));
    expect(cards.map((c) => texts(cardOf(c.body))[0])).toEqual([
      'Approve invoice INV-2026-0042',
      'Review drawing DR-118 rev C',
      'Sign off contract C-2026-07',
    ]);
  });

  it('keeps a notification for a user who has not installed the bot (pending) and delivers it on install', async () => {
    const response = await h.notify(h.sim.notificationFor(45, { email: JAN.email }));
    await h.idle();
    expect(response).toEqual({ status: 202, body: { id: expect.any(String), status: 'pending' } });
    expect(h.connector.calls).toEqual([]);

    await h.install(JAN);
    await h.idle();
    const cards = h.connector.calls.filter((c) => c.conversationId === JAN.conversationId && Array.isArray(c.body?.attachments));
    expect(cards).toHaveLength(1);
    expect(texts(cardOf(cards[0]?.body))).toEqual(expect.arrayContaining(['Approve invoice INV-2026-0045']));
  });

  it('replaces the card on task.updated (PUT to the same activity) instead of posting a second one', async () => {
    await h.install(ALEX);
    const { activityId } = await deliverTask(h, ALEX, 42);
    const updated = h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }, 'task.updated');
    updated.task.Name = 'Approve invoice INV-2026-0042 (amount corrected)';
    const response = await h.notify(updated);
    await h.idle();

    expect(response.status).toBe(202);
    const puts = h.connector.calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.activityId)).toEqual([activityId]);
    expect(texts(cardOf(puts[0]?.body))).toEqual(expect.arrayContaining(['Approve invoice INV-2026-0042 (amount corrected)']));
    expect(h.connector.calls.filter((c) => c.method === 'POST' && Array.isArray(c.body?.attachments))).toHaveLength(1);
  });

  it('makes the card read-only on task.closed (finished in DigiOffice itself)', async () => {
    await h.install(ALEX);
    const { activityId } = await deliverTask(h, ALEX, 42);
    const closed = h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }, 'task.closed');
    await h.notify({ ...closed, closedBy: 'Els Bakker', closedAt: '2026-11-30T17:05:00.0000000' });
    await h.idle();

    const put = h.connector.calls.find((c) => c.method === 'PUT' && c.activityId === activityId);
    const card = cardOf(put?.body);
    expect(ofType(card, 'Action.Execute')).toEqual([]);
    expect(byId(card, 'comment')).toBeUndefined();
    expect(texts(card).join(' ')).toContain('Els Bakker');
  });

  it('welcomes once and delivers parked cards once when Teams sends installationUpdate and conversationUpdate together', async () => {
    await h.notify(h.sim.notificationFor(45, { email: JAN.email }));
    h.connector.setMember(JAN.id, {
      id: JAN.id,
      name: JAN.name,
      aadObjectId: JAN.aadObjectId,
      userPrincipalName: JAN.userPrincipalName,
      email: JAN.email,
    });
    const membersAdded = {
      ...installActivity(JAN, { serviceUrl: h.serviceUrl }),
      type: 'conversationUpdate',
      action: undefined,
      membersAdded: [{ id: JAN.id }, { id: BOT.id }],
    };
    await Promise.all([h.activity(installActivity(JAN, { serviceUrl: h.serviceUrl })), h.activity(membersAdded)]);
    await h.idle();

    const toJan = h.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === JAN.conversationId);
    expect(toJan.filter((c) => typeof c.body?.text === 'string').map((c) => c.body?.text)).toEqual([
      expect.stringMatching(/^Hi! I send you your DigiOffice workflow tasks/),
    ]);
    expect(toJan.filter((c) => Array.isArray(c.body?.attachments))).toHaveLength(1);
  });

  it('forgets the conversation on uninstall: later notifications wait as pending', async () => {
    await h.install(ALEX);
    await h.activity(uninstallActivity(ALEX, { serviceUrl: h.serviceUrl }));
    const response = await h.notify(h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }));
    expect(response.body).toEqual({ id: expect.any(String), status: 'pending' });
  });
});
