import { DateTime } from 'luxon';
import { formatMoment } from '../../src/i18n/times';
import { t } from '../../src/i18n';
import { cardOf, finishActions, ofType, texts } from '../helpers/cardQueries';
import { approveInvoice } from '../helpers/expectedOperations';
import { deliverTask, finishRequests, say, replyTexts } from '../helpers/flows';
import { useHarness } from '../helpers/harness';
import { ALEX } from '../helpers/teamsActivities';

/** An instant as the task cards show it to Alex (Europe/Amsterdam). */
const cardMoment = (iso: string, locale: 'en' | 'nl') =>
  formatMoment(DateTime.fromISO(iso), { locale, timezone: 'Europe/Amsterdam', zoneKnown: true }, new Date());

describe('chat commands in the 1:1 chat', () => {
  const h = useHarness({ install: [ALEX] });

  it('`finish task 42` shows the card of task 42 again, from what the bot stored when it was notified', async () => {
    await deliverTask(h, ALEX, 42);
    const replies = await say(h, ALEX, '<at>DigiOffice Tasks</at> finish task #42');

    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]?.body);
    expect(texts(card)).toEqual(expect.arrayContaining(['Approve invoice INV-2026-0042']));
    expect(finishActions(card).map((a) => a.title)).toEqual(['Approve', 'Reject']);
    expect(h.sim.requests.filter((r) => r.path.startsWith('/api/workflowtasks'))).toEqual([]);
  });

  it('`finish task 42 approve looks good` finishes it as the user with the comment, and updates the card', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);

    const replies = await say(h, ALEX, 'finish task 42 Approve Looks good, thanks!');

    expect(finishRequests(h).map((r) => r.body)).toEqual([approveInvoice([42], 'Looks good, thanks!')]);
    expect(replyTexts(replies)).toEqual([t('en', 'finish.done', { tasks: t('en', 'finish.tasks', { count: 1, ids: '42' }) })]);
    const put = h.connector.calls.find((c) => c.method === 'PUT' && c.activityId === activityId);
    expect(ofType(cardOf(put?.body), 'Action.Execute')).toEqual([]);
  });

  it('finishes a batch (`finish tasks 42 46 reject`) in one FinishTaskOperation when the tasks share the transition', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 42);
    await deliverTask(h, ALEX, 46);

    const replies = await say(h, ALEX, 'finish tasks 42 and 46 reject');

    expect(finishRequests(h).map((r) => [r.status, (r.body as { TaskIDs: number[] }).TaskIDs])).toEqual([[204, [42, 46]]]);
    expect(replyTexts(replies)).toEqual([t('en', 'finish.done', { tasks: t('en', 'finish.tasks', { count: 2, ids: '42, 46' }) })]);
    expect(h.sim.taskState(46)?.status).toBe('finished');
  });

  it('defers a task: `defer task 42 until <date> 14:30 waiting for supplier` → DeferTo and Reason', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 42);

    const replies = await say(h, ALEX, 'defer task 42 until 2027-02-01 14:30 waiting for supplier');

    expect(replyTexts(replies)).toEqual([
      t('en', 'chat.deferred', {
        tasks: t('en', 'finish.tasks', { count: 1, ids: '42' }),
        until: cardMoment('2027-02-01T13:30:00Z', 'en'),
      }),
    ]);
    expect(finishRequests(h).map((r) => r.body)).toEqual([
      {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: null,
        DeferTo: '2027-02-01T14:30:00.0000000',
        Reason: 'waiting for supplier',
        Comment: null,
      },
    ]);
  });

  it('reads a numeric date in the order of the client’s locale: month first for en-US, day first for en-GB', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 42);
    await deliverTask(h, ALEX, 46);

    await say(h, ALEX, 'defer task 42 until 2/3/2027', { locale: 'en-US' });
    await say(h, ALEX, 'defer task 46 until 2/3/2027', { locale: 'en-GB' });

    expect(finishRequests(h).map((r) => (r.body as { DeferTo: string }).DeferTo)).toEqual([
      '2027-02-03T08:00:00.0000000',
      '2027-03-02T08:00:00.0000000',
    ]);
  });

  it('counts "in 2 hours" from the user’s clock', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 42);

    const before = Date.now();
    await say(h, ALEX, 'defer task 42 in 2 hours: waiting for a call back');
    const after = Date.now();

    const body = finishRequests(h)[0]?.body as { DeferTo: string; Reason: string };
    const deferTo = DateTime.fromISO(body.DeferTo, { zone: 'Europe/Amsterdam' }).toMillis();
    const twoHours = 2 * 3600 * 1000;
    // chrono counts whole minutes from the wall clock the bot passed.
    expect(deferTo).toBeGreaterThanOrEqual(before + twoHours - 60_000);
    expect(deferTo).toBeLessThanOrEqual(after + twoHours);
    expect(body.Reason).toBe('waiting for a call back');
  });

  it('understands Dutch and answers in Dutch: `taak 42 afronden goedkeuren prima`', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 42);

    const notOffered = await say(h, ALEX, 'taak 42 afronden goedkeuren prima', { locale: 'nl-NL' });
    expect(replyTexts(notOffered)).toEqual([t('nl', 'chat.noSuchTransition', { id: 42, offered: 'Approve, Reject' })]);

    const replies = await say(h, ALEX, 'taak 42 afronden approve prima', { locale: 'nl-NL' });
    expect(replyTexts(replies)).toEqual([t('nl', 'finish.done', { tasks: t('nl', 'finish.tasks', { count: 1, ids: '42' }) })]);
    expect((finishRequests(h)[0]?.body as { Comment: string }).Comment).toBe('prima');
  });

  it('names the transitions a task offers when the typed one does not exist, posting nothing', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 42);
    const replies = await say(h, ALEX, 'finish task 42 approved');
    expect(replyTexts(replies)).toEqual([t('en', 'chat.noSuchTransition', { id: 42, offered: 'Approve, Reject' })]);
    expect(finishRequests(h)).toEqual([]);
  });

  it('says in the user’s language which inputs a typed finish is missing, each named, posting nothing', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 43);
    const replies = await say(h, ALEX, 'taak 43 afronden forward for review naar Jan');

    expect(replyTexts(replies)).toEqual([
      [
        t('nl', 'finish.invalid'),
        t('nl', 'card.fieldError', { field: t('nl', 'card.comment.label'), message: t('nl', 'inputError.required') }),
      ].join(' '),
    ]);
    expect(finishRequests(h)).toEqual([]);
  });

  it('answers a task it never sent to the user with a clear message', async () => {
    const replies = await say(h, ALEX, 'finish task 4711');
    expect(replyTexts(replies)).toEqual([t('en', 'chat.unknownTasks', { ids: '4711' })]);
  });

  it('sends the sign-in card when a typed finish needs a sign-in, and posts nothing', async () => {
    await deliverTask(h, ALEX, 42);
    const replies = await say(h, ALEX, 'finish task 42 approve');
    const card = cardOf(replies.find((c) => c.body?.type === 'message')?.body);
    expect(ofType(card, 'Action.OpenUrl').map((a) => String(a.url))).toEqual([expect.stringMatching(/\/auth\/signin\?state=/)]);
    expect(finishRequests(h)).toEqual([]);
  });

  it('`my tasks` lists the open tasks, soonest due first', async () => {
    await deliverTask(h, ALEX, 43);
    await deliverTask(h, ALEX, 42);
    const replies = await say(h, ALEX, 'my tasks');
    const card = cardOf(replies[0]?.body);
    const show = ofType(card, 'Action.Execute').map((a) => a.data);
    expect(show).toEqual([{ taskIds: [42] }, { taskIds: [43] }]);
  });

  it('`my tasks` counts all 30 open tasks, shows the 25 due soonest and says how many more there are', async () => {
    const base = h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName });
    const notifications = Array.from({ length: 30 }, (_, i) => ({
      ...base,
      task: { ...base.task, ID: 1000 + i, Name: `Invoice ${1000 + i}` },
    }));
    expect((await h.notify({ notifications })).status).toBe(202);
    await h.idle();

    const replies = await say(h, ALEX, 'my tasks');

    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]?.body);
    expect(texts(card)[0]).toBe(t('en', 'list.title', { count: 30 }));
    expect(ofType(card, 'Action.Execute').map((a) => a.data)).toEqual(Array.from({ length: 25 }, (_, i) => ({ taskIds: [1000 + i] })));
    expect(texts(card).at(-1)).toBe(t('en', 'list.more', { count: 5 }));
  });

  it('a deferred task stays in `my tasks` with its date, and is finished from chat afterwards', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 42);
    await deliverTask(h, ALEX, 43);
    await say(h, ALEX, 'defer task 42 until 2027-02-01 14:30');

    const list = cardOf((await say(h, ALEX, 'my tasks'))[0]?.body);
    expect(ofType(list, 'Action.Execute').map((a) => a.data)).toEqual([{ taskIds: [42] }, { taskIds: [43] }]);
    expect(texts(list)[2]).toContain(t('en', 'list.deferred', { date: cardMoment('2027-02-01T13:30:00Z', 'en') }));
    expect(texts(list)[4]).not.toContain(t('en', 'list.deferred', { date: '' }).trim());

    const replies = await say(h, ALEX, 'finish task 42 approve');

    expect(finishRequests(h).map((r) => [r.status, (r.body as { DeferTo: string | null }).DeferTo])).toEqual([
      [204, '2027-02-01T14:30:00.0000000'],
      [204, null],
    ]);
    expect(finishRequests(h)[1]?.body).toEqual(approveInvoice([42], null));
    expect(replyTexts(replies)).toEqual([t('en', 'finish.done', { tasks: t('en', 'finish.tasks', { count: 1, ids: '42' }) })]);
    expect(h.sim.taskState(42)?.status).toBe('finished');
  });

  it('shows "typing…" before a command calls DigiOffice, and nothing follows the answer', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 42);

    const replies = await say(h, ALEX, 'finish task 42 approve');

    const kinds = replies.map((c) => [c.operation, c.body?.type]);
    expect(kinds[0]).toEqual(['replyToActivity', 'typing']);
    expect(kinds.at(-1)).toEqual(['replyToActivity', 'message']);
    // While DigiOffice takes its time the indicator is repeated; it never follows the answer.
    expect(kinds.slice(0, -1).every(([, type]) => type === 'typing')).toBe(true);
    expect(replyTexts(replies)).toEqual([t('en', 'finish.done', { tasks: t('en', 'finish.tasks', { count: 1, ids: '42' }) })]);
  });

  it('sends no "typing…" for a command that does not call DigiOffice', async () => {
    await deliverTask(h, ALEX, 42);
    for (const text of ['my tasks', 'finish task 42', 'help', 'finish task 42 approved', 'sign in']) {
      expect((await say(h, ALEX, text)).map((c) => c.body?.type)).toEqual(['message']);
    }
  });

  it('`help` answers with the help card; unknown text gets a short help, not silence', async () => {
    const help = await say(h, ALEX, 'help');
    expect(texts(cardOf(help[0]?.body))).toEqual(expect.arrayContaining(['finish task 42 approve looks good']));

    const unknown = await say(h, ALEX, 'helpdesk please');
    expect(replyTexts(unknown)).toEqual([t('en', 'chat.unknown')]);
  });

  it('`sign out` removes the link: the next click asks to sign in again', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const out = await say(h, ALEX, 'sign out');
    expect(replyTexts(out)).toEqual([t('en', 'chat.signedOut')]);
    const again = await say(h, ALEX, 'sign in');
    expect(ofType(cardOf(again[0]?.body), 'Action.OpenUrl')).toHaveLength(1);
  });
});
