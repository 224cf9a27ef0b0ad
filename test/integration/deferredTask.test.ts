import { DateTime } from 'luxon';
import { t } from '../../src/i18n';
import { formatMoment } from '../../src/i18n/times';
import { cardOf, finishActions, ofType, texts } from '../helpers/cardQueries';
import { approveInvoice } from '../helpers/expectedOperations';
import { activityIdOf, cardMessageSince, click, deliverTask, finishRequests, say, replyTexts } from '../helpers/flows';
import { useHarness } from '../helpers/harness';
import { messagePattern } from '../helpers/messages';
import { ALEX } from '../helpers/teamsActivities';

const amsterdam = { locale: 'en', timezone: 'Europe/Amsterdam', zoneKnown: true } as const;
const TASK_42 = t('en', 'finish.tasks', { count: 1, ids: '42' });
/** A date two and three weeks ahead, as the chat and the card's date input take it. */
const inWeeks = (weeks: number) => DateTime.now().setZone('Europe/Amsterdam').plus({ weeks }).toISODate() ?? '';
const deferral = (date: string, time: string, reason: string | null) => ({
  TaskIDs: [42],
  WSVerbindingID: null,
  Transitions: null,
  DeferTo: `${date}T${time}:00.0000000`,
  Reason: reason,
  Comment: null,
});
/** A deferral's date as the chat and the cards show it to Alex (in Amsterdam). */
const untilText = (date: string, time: string) =>
  formatMoment(DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/Amsterdam' }), amsterdam, new Date());
/** The card's result line of a deferral by Alex. */
const deferredUntil = (date: string, time: string) => t('en', 'card.result.deferred', { until: untilText(date, time), by: 'Alex Wilber' });
const deferredLine = (card: unknown) => texts(card).find((text) => messagePattern('en', 'card.result.deferred').test(String(text)));

describe('a deferred task stays open', () => {
  const h = useHarness({ install: [ALEX] });

  it('deferred from chat, it is still listed and its card keeps the buttons; `finish task 42 approve` then finishes it', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    const date = inWeeks(2);

    const deferred = await say(h, ALEX, `defer task 42 until ${date} 14:30 waiting for supplier`);
    expect(finishRequests(h).map((r) => r.body)).toEqual([deferral(date, '14:30', 'waiting for supplier')]);
    expect(replyTexts(deferred)).toEqual([t('en', 'chat.deferred', { tasks: TASK_42, until: untilText(date, '14:30') })]);

    const [updated] = h.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === activityId).map((c) => cardOf(c.body));
    expect(deferredLine(updated)).toBe(deferredUntil(date, '14:30'));
    expect(finishActions(updated).map((a) => a.title)).toEqual(['Approve', 'Reject']);
    expect(ofType(updated, 'Action.ShowCard')).toHaveLength(1);

    const listed = await say(h, ALEX, 'my tasks');
    expect(ofType(cardOf(listed[0]?.body), 'Action.Execute').map((a) => a.data)).toEqual([{ taskIds: [42] }]);

    const finished = await say(h, ALEX, 'finish task 42 approve');
    expect(replyTexts(finished)).toEqual([t('en', 'finish.done', { tasks: TASK_42 })]);
    expect(finishRequests(h).map((r) => r.body)).toEqual([deferral(date, '14:30', 'waiting for supplier'), approveInvoice([42], null)]);
    expect(finishRequests(h).map((r) => r.status)).toEqual([204, 204]);
    expect(h.sim.taskState(42)?.status).toBe('finished');
  });

  it('deferred, with its card gone from the chat: a task.updated sends it anew, still deferred and with its buttons', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    const date = inWeeks(2);
    await say(h, ALEX, `defer task 42 until ${date} 14:30`);
    h.connector.failNext({ method: 'PUT', path: `/activities/${activityId}`, status: 404 });
    const before = h.connector.calls.length;

    const updated = h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }, 'task.updated');
    expect((await h.notify(updated)).status).toBe(202);
    await h.idle();

    const calls = h.connector.calls.slice(before).filter((c) => c.conversationId === ALEX.conversationId);
    expect(calls.map((c) => [c.method, c.activityId === activityId ? 'the gone card' : 'new', c.status])).toEqual([
      ['PUT', 'the gone card', 404],
      ['POST', 'new', 201],
    ]);
    const sent = cardMessageSince(h, ALEX, before);
    const anew = cardOf(sent.body);
    expect(sent.body?.summary).toBe(t('en', 'card.summary', { id: 42, name: 'Approve invoice INV-2026-0042' }));
    expect(deferredLine(anew)).toBe(deferredUntil(date, '14:30'));
    expect(finishActions(anew).map((a) => a.title)).toEqual(['Approve', 'Reject']);

    // The new card is one of the task's cards from now on: finishing the task replaces it. (The gone card's id is
    // kept, and asked again: this fake connector's 404 was for one call only.)
    const beforeFinish = h.connector.calls.length;
    await say(h, ALEX, 'finish task 42 approve');
    const puts = h.connector.calls.slice(beforeFinish).filter((c) => c.method === 'PUT');
    expect(puts.map((c) => [c.activityId, c.status])).toEqual([
      [activityId, 200],
      [activityIdOf(sent), 200],
    ]);
  });

  it('deferred, then finished elsewhere (task.closed): read-only, and no longer listed', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    await say(h, ALEX, `defer task 42 until ${inWeeks(2)} 9:00`);

    const closed = h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }, 'task.closed');
    expect((await h.notify({ ...closed, closedBy: 'Piet Jansen' })).status).toBe(202);
    await h.idle();

    const updates = h.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === activityId).map((c) => cardOf(c.body));
    expect(updates).toHaveLength(2);
    expect(texts(updates[1])).toContainEqual(expect.stringMatching(messagePattern('en', 'card.result.closedBy')));
    expect(ofType(updates[1], 'Action.Execute')).toEqual([]);
    const listed = await say(h, ALEX, 'my tasks');
    expect(ofType(cardOf(listed[0]?.body), 'Action.Execute')).toEqual([]);
  });

  it('deferred from its card, the answer keeps the buttons; a second deferral moves the date; a click then finishes it', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId, card } = await deliverTask(h, ALEX, 42);
    const deferData = ofType(card, 'Action.Execute').find((a) => a.verb === 'task.defer')?.data as Record<string, unknown>;
    const [first, second] = [inWeeks(2), inWeeks(3)];

    const once = await click(
      h,
      ALEX,
      'task.defer',
      { ...deferData, deferToDate: first, deferToTime: '', comment: 'after the audit' },
      activityId,
    );
    const onceCard = once.body.value;
    expect(deferredLine(onceCard)).toBe(deferredUntil(first, '08:00'));
    const again = ofType(onceCard, 'Action.Execute').find((a) => a.verb === 'task.defer')?.data as Record<string, unknown>;
    expect(again).toEqual({ taskIds: [42], rev: 2 });

    const twice = await click(h, ALEX, 'task.defer', { ...again, deferToDate: second, deferToTime: '10:00' }, activityId);
    const approve = finishActions(twice.body.value).find((a) => a.title === 'Approve')?.data as Record<string, unknown>;
    expect(approve).toMatchObject({ rev: 3 });
    expect(deferredLine(twice.body.value)).toBe(deferredUntil(second, '10:00'));

    const done = await click(h, ALEX, 'task.finish', { ...approve, comment: 'audited' }, activityId);

    expect(finishRequests(h).map((r) => r.body)).toEqual([
      { ...deferral(first, '08:00', null), Comment: 'after the audit' },
      deferral(second, '10:00', null),
      approveInvoice([42], 'audited'),
    ]);
    expect(ofType(done.body.value, 'Action.Execute')).toEqual([]);
    expect(texts(done.body.value)).toContainEqual(expect.stringMatching(messagePattern('en', 'card.result.finished')));
  });
});
