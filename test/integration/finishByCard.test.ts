import { t } from '../../src/i18n';
import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { byId, cardOf, executeButtons, nextTo, ofType, texts } from '../helpers/cardQueries';
import { approveInvoice } from '../helpers/expectedOperations';
import { click, deliverTask, digiOfficeUserOf, finishRequests } from '../helpers/flows';
import { useHarness } from '../helpers/harness';
import { loginRequestBody } from '../helpers/signIn';
import { ALEX, JAN } from '../helpers/teamsActivities';

const approve = (extra: Record<string, unknown> = {}) => ({ taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove, ...extra });

describe('finishing a task from its card (adaptiveCard/action → FinishTaskOperation)', () => {
  const h = useHarness({ install: [ALEX] });

  it('posts exactly the expected FinishTaskOperation with the clicking user’s bearer and answers with the finished card', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);

    const response = await click(h, ALEX, 'task.finish', approve({ comment: '  Looks good, paid on time.  ', reason: '' }), activityId);
    await h.idle();

    const posts = finishRequests(h);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual(approveInvoice([42], 'Looks good, paid on time.'));
    expect(posts[0]?.status).toBe(204);
    expect(await digiOfficeUserOf(h, posts[0]?.headers.authorization)).toBe(12);

    expect(response.status).toBe(200);
    expect(response.body.statusCode).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = response.body.value;
    expect(ofType(card, 'Action.Execute')).toEqual([]);
    expect(texts(card).join(' ')).toMatch(/Approve.*Alex Wilber/);
    expect(h.sim.taskState(42)?.status).toBe('finished');

    // Every view of the card shows the result: the clicked message is replaced with updateActivity too.
    const put = h.connector.calls.find((c) => c.method === 'PUT' && c.activityId === activityId);
    expect(cardOf(put?.body)).toEqual(card);
  });

  it('maps assignees to UserIDs/GroupIDs/RoleIDs for a transition that asks for ad-hoc assignment', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 43);
    const response = await click(
      h,
      ALEX,
      'task.finish',
      {
        taskIds: [43],
        transitionId: TRANSITION_IDS.drawingForward,
        assignees: 'user:14,group:3, role:5,user:15',
        comment: 'Please check the new section',
      },
      activityId,
    );

    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(finishRequests(h).map((r) => r.body)).toEqual([
      {
        TaskIDs: [43],
        WSVerbindingID: null,
        Transitions: [
          {
            ID: TRANSITION_IDS.drawingForward,
            Name: 'Forward for review',
            AssignmentAtStartWorkflowIsAdHoc: true,
            AssignmentIsAdHocRequired: true,
            DeferAtStartWorkflowIsAdHoc: false,
            IsNext: false,
            UserIDs: [14, 15],
            GroupIDs: [3],
            RoleIDs: [5],
            DeferUntil: null,
            DeferralNote: null,
          },
        ],
        DeferTo: null,
        Reason: null,
        Comment: 'Please check the new section',
      },
    ]);
  });

  it('converts DeferUntil from the user’s zone to DigiOffice’s across a DST change (New York user, Amsterdam DigiOffice)', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 44);
    // 2027-03-28 10:00 in New York is EDT (UTC-4; US DST began 14 March) = 14:00 UTC = 16:00 CEST in Amsterdam,
    // whose clocks went forward at 01:00 UTC that same morning.
    await click(
      h,
      ALEX,
      'task.finish',
      {
        taskIds: [44],
        transitionId: TRANSITION_IDS.contractSignOffFollowUp,
        deferUntilDate: '2027-03-28',
        deferUntilTime: '10:00',
        deferralNote: 'Check the first delivery',
        reason: 'Signed, delivery pending',
      },
      activityId,
      { localTimezone: 'America/New_York' },
    );

    expect(finishRequests(h).map((r) => r.body)).toEqual([
      {
        TaskIDs: [44],
        WSVerbindingID: null,
        Transitions: [
          {
            ID: TRANSITION_IDS.contractSignOffFollowUp,
            Name: 'Sign off, follow up later',
            AssignmentAtStartWorkflowIsAdHoc: false,
            AssignmentIsAdHocRequired: false,
            DeferAtStartWorkflowIsAdHoc: true,
            IsNext: false,
            UserIDs: [],
            GroupIDs: [],
            RoleIDs: [],
            DeferUntil: '2027-03-28T16:00:00.0000000',
            DeferralNote: 'Check the first delivery',
          },
        ],
        DeferTo: null,
        Reason: 'Signed, delivery pending',
        Comment: null,
      },
    ]);
    expect(finishRequests(h)[0]?.status).toBe(204);
  });

  it('defers a task with task.defer → DeferTo (and Transitions null)', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    const response = await click(
      h,
      ALEX,
      'task.defer',
      { taskIds: [42], deferToDate: '2027-01-15', deferToTime: '09:30', reason: 'Waiting for the supplier' },
      activityId,
    );

    expect(finishRequests(h).map((r) => r.body)).toEqual([
      {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: null,
        DeferTo: '2027-01-15T09:30:00.0000000',
        Reason: 'Waiting for the supplier',
        Comment: null,
      },
    ]);
    // DigiOffice keeps a deferred task open: its card still offers every step.
    expect(finishActionsOf(response.body.value).map((a) => a.title)).toEqual(['Approve', 'Reject']);
    expect(h.sim.taskState(42)?.status).toBe('deferred');
  });

  it('answers a user who is not signed in with Teams’ sign-in request, and posts nothing', async () => {
    const { activityId } = await deliverTask(h, ALEX, 42);
    const response = await click(h, ALEX, 'task.finish', approve({ comment: 'my words' }), activityId);

    expect(finishRequests(h)).toEqual([]);
    expect(response).toEqual({ status: 200, body: loginRequestBody(h.botUrl) });
  });

  it('refuses a click by another signed-in user on a task that was sent to the first user, posting nothing', async () => {
    await h.install(JAN);
    await h.signIn(ALEX, 'alexw', 'demo');
    await h.signIn(JAN, 'jan', 'jan-secret');
    const { activityId } = await deliverTask(h, ALEX, 42);
    h.sim.clearRequests();

    const response = await click(h, JAN, 'task.finish', approve({ comment: 'not mine' }), activityId);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: expect.stringContaining('42'),
    });
    expect(h.sim.requests.filter((r) => r.path.startsWith('/api/workflowtasks'))).toEqual([]);
    expect(h.sim.taskState(42)?.status).toBe('open');
  });

  it('shows DigiOffice’s 400 field errors next to the inputs in the user’s words, with the user’s inputs kept', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    // The sender forgot to say the reason is required; DigiOffice itself refuses the empty reason.
    const notification = h.sim.notificationFor(44, { userPrincipalName: ALEX.userPrincipalName });
    await h.notify({ ...notification, reason: { Required: false } });
    await h.idle();
    const activityId = h.connector.calls.find((c) => c.method === 'POST' && Array.isArray(c.body?.attachments))?.response as { id: string };

    const response = await click(
      h,
      ALEX,
      'task.finish',
      { taskIds: [44], transitionId: TRANSITION_IDS.contractSignOff, comment: 'signed' },
      activityId.id,
    );

    expect(finishRequests(h).map((r) => r.status)).toEqual([400]);
    const card = response.body.value;
    expect(byId(card, 'comment')).toMatchObject({ value: 'signed' });
    expect(nextTo(card, 'reason')).toMatchObject({ type: 'TextBlock', text: t('en', 'inputError.required'), color: 'Attention' });
    expect(texts(card).join(' ')).not.toContain('must not be empty');
    expect(finishActionsOf(card)).toHaveLength(2);
    expect(h.sim.taskState(44)?.status).toBe('open');
  });

  it('posts once when Teams sends the same invoke twice at the same time', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    h.sim.setLatency(400);

    const [first, second] = await Promise.all([
      click(h, ALEX, 'task.finish', approve({ comment: 'once' }), activityId),
      click(h, ALEX, 'task.finish', approve({ comment: 'once' }), activityId),
    ]);
    await h.idle();

    expect(finishRequests(h)).toHaveLength(1);
    expect(first?.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(second?.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(ofType(first?.body.value, 'Action.Execute')).toEqual([]);
    expect(ofType(second?.body.value, 'Action.Execute')).toEqual([]);
  });

  it('does not post again for a click after the task was finished', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    await click(h, ALEX, 'task.finish', approve(), activityId);
    const again = await click(h, ALEX, 'task.finish', approve(), activityId);

    expect(finishRequests(h)).toHaveLength(1);
    expect(ofType(again.body.value, 'Action.Execute')).toEqual([]);
  });

  it('makes the card read-only when DigiOffice answers 403 (the task is not the user’s any more)', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    // Task 45 belongs to Jan in DigiOffice; a misdirected notification sent it to Alex.
    await h.notify(h.sim.notificationFor(45, { userPrincipalName: ALEX.userPrincipalName }));
    await h.idle();
    const activityId = (
      h.connector.calls.find((c) => c.method === 'POST' && Array.isArray(c.body?.attachments))?.response as { id: string }
    ).id;

    const response = await click(h, ALEX, 'task.finish', { taskIds: [45], transitionId: TRANSITION_IDS.invoiceApprove }, activityId);

    expect(finishRequests(h).map((r) => r.status)).toEqual([403]);
    expect(executeButtons(response.body.value)).toEqual([]);
    expect(texts(response.body.value)).toContain(t('en', 'card.result.unavailable'));
  });

  it('keeps the inputs and says DigiOffice did not answer when it fails with 500; a retry then succeeds', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    h.sim.failNext('POST', '/api/workflowtasks/finish', 500, 'Internal Server Error');

    const failed = await click(h, ALEX, 'task.finish', approve({ comment: 'keep me' }), activityId);
    expect(texts(failed.body.value)).toContain(t('en', 'finish.failed'));
    expect(byId(failed.body.value, 'comment')).toMatchObject({ value: 'keep me' });

    const retried = await click(h, ALEX, 'task.finish', approve({ comment: 'keep me' }), activityId);
    expect(finishRequests(h).map((r) => r.status)).toEqual([500, 204]);
    expect(ofType(retried.body.value, 'Action.Execute')).toEqual([]);
  });

  it('refreshes an expired bearer with the refresh token and posts with the new one', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    h.sim.expireAllTokens();

    await click(h, ALEX, 'task.finish', approve(), activityId);

    expect(finishRequests(h).map((r) => r.status)).toEqual([401, 204]);
    expect(h.sim.requestsTo('POST', '/api/access-token')).toHaveLength(1);
    const [expired, fresh] = finishRequests(h).map((r) => r.headers.authorization);
    expect(fresh).not.toEqual(expired);
    expect(await digiOfficeUserOf(h, fresh)).toBe(12);
  });

  it('asks to sign in again when the refresh token is no longer accepted', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    h.sim.expireAllTokens();
    h.sim.revokeRefreshTokens();

    const response = await click(h, ALEX, 'task.finish', approve({ comment: 'still here' }), activityId);

    expect(finishRequests(h).map((r) => r.status)).toEqual([401]);
    expect(response).toEqual({ status: 200, body: loginRequestBody(h.botUrl) });
  });

  it('rejects card data that names a transition the task does not offer, without calling DigiOffice', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    const response = await click(
      h,
      ALEX,
      'task.finish',
      { taskIds: [42], transitionId: TRANSITION_IDS.drawingForward, comment: 'x' },
      activityId,
    );

    expect(finishRequests(h)).toEqual([]);
    expect(texts(response.body.value)).toContain(t('en', 'inputError.transitionNotOffered', { id: '42', offered: 'Approve, Reject' }));
    expect(byId(response.body.value, 'comment')).toMatchObject({ value: 'x' });
  });
});

function finishActionsOf(card: unknown) {
  return ofType(card, 'Action.Execute').filter((a) => a.verb === 'task.finish');
}
