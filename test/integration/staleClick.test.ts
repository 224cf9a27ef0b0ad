import { DateTime } from 'luxon';
import { t } from '../../src/i18n';
import { bannerText, byId, finishActions, ofType } from '../helpers/cardQueries';
import { click, deliverTask, finishRequests, say } from '../helpers/flows';
import { useHarness } from '../helpers/harness';
import { messagePattern } from '../helpers/messages';
import { ALEX } from '../helpers/teamsActivities';

describe('a click on a card drawn before the task changed says what changed and posts nothing', () => {
  const h = useHarness({ install: [ALEX] });

  async function cardOf42() {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId, card } = await deliverTask(h, ALEX, 42);
    const approve = finishActions(card).find((a) => a.title === 'Approve')?.data as Record<string, unknown>;
    return { activityId, approve: { ...approve, comment: 'typed on the old card' } as Record<string, unknown> };
  }

  it('updated in DigiOffice (other steps): the current card, the typed text kept, nothing posted', async () => {
    const { activityId, approve } = await cardOf42();
    const update = h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }, 'task.updated');
    expect((await h.notify({ ...update, transitions: (update.transitions ?? []).slice(1) })).status).toBe(202);
    await h.idle();

    const response = await click(h, ALEX, 'task.finish', approve, activityId);

    const card = response.body.value;
    expect(bannerText(card)).toBe(t('en', 'card.stale.updated'));
    expect(finishActions(card).map((a) => [a.title, a.data])).toEqual([['Reject', expect.objectContaining({ rev: 2 })]]);
    expect(byId(card, 'comment')?.value).toBe('typed on the old card');
    expect(finishRequests(h)).toEqual([]);
  });

  it('closed elsewhere: the read-only card, nothing posted', async () => {
    const { activityId, approve } = await cardOf42();
    const closed = h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }, 'task.closed');
    expect((await h.notify({ ...closed, closedBy: 'Piet Jansen' })).status).toBe(202);
    await h.idle();

    const response = await click(h, ALEX, 'task.finish', approve, activityId);

    expect(bannerText(response.body.value)).toBe(t('en', 'card.stale.closed'));
    expect(ofType(response.body.value, 'Action.Execute')).toEqual([]);
    expect(finishRequests(h)).toEqual([]);
  });

  it('deferred since (from chat): the deferred card with its buttons, nothing more posted', async () => {
    const { activityId, approve } = await cardOf42();
    const date = DateTime.now().setZone('Europe/Amsterdam').plus({ weeks: 2 }).toISODate() ?? '';
    await say(h, ALEX, `defer task 42 until ${date} 9:00`);

    const response = await click(h, ALEX, 'task.finish', approve, activityId);

    expect(bannerText(response.body.value)).toMatch(messagePattern('en', 'card.stale.deferred'));
    expect(finishActions(response.body.value).map((a) => a.title)).toEqual(['Approve', 'Reject']);
    expect(finishRequests(h)).toHaveLength(1);
  });

  it('a card without a revision (sent before cards carried one) is still taken', async () => {
    const { activityId, approve } = await cardOf42();
    const { rev: _rev, ...withoutRevision } = approve;

    await click(h, ALEX, 'task.finish', withoutRevision, activityId);

    expect(finishRequests(h).map((r) => r.status)).toEqual([204]);
  });
});
