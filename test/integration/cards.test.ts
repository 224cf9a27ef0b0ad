import { t } from '../../src/i18n';
import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { byId, cardOf, ofType, texts } from '../helpers/cardQueries';
import { activityIdOf, autoRefresh, cardReply, click, deliverTask, finishRequests, say } from '../helpers/flows';
import { useHarness, type Harness } from '../helpers/harness';
import { ALEX } from '../helpers/teamsActivities';

/** Cards over HTTP: what they say once a task is finished, their preview text, their times, and their refresh. */

const TASK_42 = 'Approve invoice INV-2026-0042';
/** Task 42 is due 2026-12-04 17:00 in DigiOffice's zone (Amsterdam): 11:00 in New York. The year shows only when it is another. */
const DUE_IN_NEW_YORK = /^Fri 4 Dec( 2026)?, 11:00$/;
const DUE_UNLABELLED_ZONE = /^Fri 4 Dec( 2026)?, 17:00 \(Europe\/Amsterdam\)$/;

/**
 * What the bot sent on its own, not in answer to an activity of the user: botbuilder continues a conversation with
 * an activity it makes up, so a proactive message replies to an id the channel never sent (ours are `incoming-…`).
 */
const proactive = (h: Harness) =>
  h.connector.calls.filter(
    (c) => c.operation === 'updateActivity' || (c.operation === 'replyToActivity' && !c.activityId?.startsWith('incoming-')),
  );

const textsOf = (card: unknown) => texts(card).filter((text): text is string => typeof text === 'string');

const dueOf = (card: unknown) => {
  const facts = (ofType(card, 'FactSet')[0]?.facts ?? []) as Array<{ title: string; value: string }>;
  return facts.find((f) => f.title === 'Due')?.value;
};
const invokeCard = (response: { body: { type: string; value: unknown } }) => {
  expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return response.body.value as Record<string, unknown>;
};

describe('cards that say what happened', () => {
  const h = useHarness({ install: [ALEX] });

  it('the finished card shows the step, who, when and the comment — on the click’s answer and on the card in the chat', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);

    const response = await click(
      h,
      ALEX,
      'task.finish',
      { taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove, comment: 'Paid on time, thanks.' },
      activityId,
    );
    await h.idle();

    const card = invokeCard(response);
    expect(textsOf(card).find((text) => text.startsWith('✔'))).toMatch(
      /^✔ Finished: Approve by Alex Wilber, \w{3} \d{1,2} \w{3}( \d{4})?, \d{2}:\d{2}$/,
    );
    expect(ofType(card, 'FactSet').at(-1)).toEqual({
      type: 'FactSet',
      spacing: 'Small',
      facts: [{ title: 'Comment', value: 'Paid on time, thanks.' }],
    });
    expect(texts(card)).not.toContain('Urgent');
    const put = h.connector.calls.find((c) => c.method === 'PUT' && c.activityId === activityId);
    expect(cardOf(put?.body)).toEqual(card);
  });

  it('every proactive activity carries a preview (summary): the new card and its replacement', async () => {
    const { activityId } = await deliverTask(h, ALEX, 42);
    await h.signIn(ALEX, 'alexw', 'demo');
    await click(h, ALEX, 'task.finish', { taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove, comment: 'ok' }, activityId);
    await h.idle();

    const summary = t('en', 'card.summary', { id: 42, name: TASK_42 });
    expect(summary).toBe('Task 42: Approve invoice INV-2026-0042');
    expect(proactive(h).map((c) => [c.method, c.body?.summary])).toEqual([
      ['POST', summary],
      ['PUT', summary],
    ]);
  });

  it('every card the chat sends carries a preview as well, and so do the cards refreshed after a finish from the chat', async () => {
    const { activityId } = await deliverTask(h, ALEX, 42);
    const cardFor = async (text: string) => cardReply(await say(h, ALEX, text));
    const signIn = await cardFor('sign in');
    await h.signIn(ALEX, 'alexw', 'demo');
    const [help, list, shown, question] = [
      await cardFor('help'),
      await cardFor('my tasks'),
      await cardFor('finish task 42'),
      await cardFor('finsh task 42'),
    ];

    const summary = t('en', 'card.summary', { id: 42, name: TASK_42 });
    expect([signIn, help, list, shown, question].map((c) => c.body?.summary)).toEqual([
      t('en', 'signinCard.title'),
      t('en', 'help.title'),
      t('en', 'list.title', { count: 1 }),
      summary,
      t('en', 'chat.didYouMean', { text: 'finish task 42' }),
    ]);
    const before = h.connector.calls.length;
    await say(h, ALEX, 'finish task 42 approve');
    const refreshed = h.connector.calls.slice(before).filter((c) => c.method === 'PUT');
    expect(refreshed.map((c) => [c.activityId, c.body?.summary])).toEqual([
      [activityId, summary],
      [activityIdOf(shown), summary],
    ]);
  });

  it('the preview is in the user’s language', async () => {
    await h.install(ALEX, { locale: 'nl-NL' });
    await deliverTask(h, ALEX, 42);
    expect(proactive(h).map((c) => c.body?.summary)).toEqual(['Taak 42: Approve invoice INV-2026-0042']);
  });
});

describe('one time for one viewer', () => {
  const h = useHarness();

  it('a viewer in New York sees task 42’s due time the same on the card, after a click, in the list and in a reply', async () => {
    await h.install(ALEX, { localTimezone: 'America/New_York' });
    const { activityId, card } = await deliverTask(h, ALEX, 42);
    const zone = { localTimezone: 'America/New_York' };

    const shown = invokeCard(await click(h, ALEX, 'task.show', { taskIds: [42] }, activityId, zone));
    const list = cardOf((await say(h, ALEX, 'my tasks', zone))[0]?.body);
    const reply = cardOf((await say(h, ALEX, 'finish task 42', zone))[0]?.body);

    const listLine = textsOf(list).find((text) => text.startsWith('Task 42 · '));
    const times = [dueOf(card), dueOf(shown), listLine?.split(' · ')[1]?.replace(/^Due /, ''), dueOf(reply)];
    expect(times[0]).toMatch(DUE_IN_NEW_YORK);
    expect(times).toEqual([times[0], times[0], times[0], times[0]]);
  });

  it('names DigiOffice’s zone until the user’s own is known, and a refresh after any activity draws the card in the user’s zone', async () => {
    await h.install(ALEX, { localTimezone: null });
    const { activityId, card } = await deliverTask(h, ALEX, 42);
    expect(dueOf(card)).toMatch(DUE_UNLABELLED_ZONE);

    // Any activity of the user teaches the bot their zone; the card already sent shows it when Teams refreshes it.
    await say(h, ALEX, 'help', { localTimezone: 'America/New_York' });
    const refreshed = invokeCard(await autoRefresh(h, ALEX, card, activityId, { localTimezone: null }));

    expect(dueOf(refreshed)).toMatch(DUE_IN_NEW_YORK);
  });
});

describe('cards that stay true when opened later', () => {
  const h = useHarness({ install: [ALEX] });

  it('asks Teams for an automatic refresh, for the assignee only', async () => {
    const { card } = await deliverTask(h, ALEX, 42);
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'task.refresh', data: { taskIds: [42] } },
      userIds: [ALEX.id],
    });
  });

  it('a refresh after task.closed answers with the closed card, calling DigiOffice for nothing', async () => {
    const { activityId, card } = await deliverTask(h, ALEX, 42);
    const closed = h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }, 'task.closed');
    await h.notify({ ...closed, closedBy: 'Els Bakker', closedAt: '2026-11-30T17:05:00.0000000' });
    await h.idle();
    h.sim.clearRequests();
    const callsBefore = h.connector.calls.length;

    // The card as the user's client still holds it: opened later, Teams asks for it again.
    const response = await autoRefresh(h, ALEX, card, activityId);

    expect(response.status).toBe(200);
    const current = invokeCard(response);
    expect(textsOf(current).filter((text) => text.startsWith('✔'))).toEqual([
      expect.stringMatching(/^✔ Finished in DigiOffice by Els Bakker, Mon 30 Nov( 2026)?, 17:05$/),
    ]);
    expect(ofType(current, 'Action.Execute')).toEqual([]);
    expect(byId(current, 'comment')).toBeUndefined();
    expect(texts(current)).not.toContain('Urgent');
    expect(current.refresh).toBeUndefined();
    expect(h.sim.requests).toEqual([]);
    expect(h.connector.calls.slice(callsBefore)).toEqual([]);
  });

  it('a refresh of a task never sent to the user shows nothing of it', async () => {
    const { activityId } = await deliverTask(h, ALEX, 42);
    const foreign = { refresh: { action: { verb: 'task.refresh', data: { taskIds: [45] } }, userIds: [ALEX.id] } };
    const response = await autoRefresh(h, ALEX, foreign, activityId);
    expect(response.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: t('en', 'finish.notYours', { tasks: t('en', 'finish.tasks', { count: 1, ids: '45' }) }),
    });
    expect(finishRequests(h)).toEqual([]);
  });
});
