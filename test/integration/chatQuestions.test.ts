import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { t } from '../../src/i18n';
import { cardOf, chatButtons, texts } from '../helpers/cardQueries';
import { approveInvoice, forwardDrawing } from '../helpers/expectedOperations';
import { activityIdOf, cardReply, click, deliverTask, finishRequests, say, replyTexts } from '../helpers/flows';
import { useHarness, type Harness } from '../helpers/harness';
import { ALEX, searchActivity } from '../helpers/teamsActivities';

const searches = (h: Harness) =>
  h.sim.requests.filter((r) => r.path.endsWith('/getusersandgroups')).map((r) => [r.status, r.path, r.query]);
const searchFor = (name: string) => [
  200,
  `/api/workflowtransitions/${TRANSITION_IDS.drawingForward}/getusersandgroups`,
  { SearchCriteria: name, PageSize: '50', PageNumber: '1' },
];

describe('the chat asks back with buttons, and settles assignees by name', () => {
  const h = useHarness({ install: [ALEX] });

  it('`finish task 43 forward to Jan` hands it to Jan de Vries, though "Piet Jansen" matches the search too', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 43);
    // DigiOffice's search for "Jan" finds both.
    const typeahead = await h.activity(searchActivity(ALEX, 'digioffice.assignees:43', 'Jan', { serviceUrl: h.serviceUrl }));
    expect((typeahead.body as { value: { results: unknown[] } }).value.results).toEqual([
      { title: 'Jan de Vries', value: 'user:14' },
      { title: 'Piet Jansen', value: 'user:16' },
    ]);
    h.sim.clearRequests();

    const replies = await say(h, ALEX, 'finish task 43 forward to Jan: please check the new section');

    expect(searches(h)).toEqual([searchFor('Jan')]);
    expect(finishRequests(h).map((r) => [r.status, r.body])).toEqual([[204, forwardDrawing([14], 'please check the new section')]]);
    expect(replyTexts(replies)).toEqual([t('en', 'finish.done', { tasks: t('en', 'finish.tasks', { count: 1, ids: '43' }) })]);
  });

  it('offers several equally good matches as buttons; the clicked one is handed the task, the question is closed', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 43);

    const replies = await say(h, ALEX, 'finish task 43 forward to Bakker: please check');
    const question = cardReply(replies);
    const text = 'finish task 43 forward to Bakker: please check';
    expect(texts(cardOf(question.body))).toEqual([t('en', 'chat.whichAssignee', { name: 'Bakker' })]);
    expect(chatButtons(cardOf(question.body))).toEqual([
      {
        verb: 'chat.run',
        title: 'Els Bakker',
        data: { text, step: 'Forward for review', assignees: { Bakker: 'user:15' }, label: 'Els Bakker' },
      },
      {
        verb: 'chat.run',
        title: 'Marie Bakker',
        data: { text, step: 'Forward for review', assignees: { Bakker: 'user:17' }, label: 'Marie Bakker' },
      },
    ]);
    expect(finishRequests(h)).toEqual([]);

    const before = h.connector.calls.length;
    const answer = await click(
      h,
      ALEX,
      'chat.run',
      chatButtons(cardOf(question.body))[1]?.data as Record<string, unknown>,
      activityIdOf(question),
    );
    await h.idle();

    expect(answer).toEqual({
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
        value: expect.objectContaining({ body: [expect.objectContaining({ text: t('en', 'chat.chosen', { choice: 'Marie Bakker' }) })] }),
      },
    });
    expect(finishRequests(h).map((r) => [r.status, r.body])).toEqual([[204, forwardDrawing([17], 'please check')]]);
    // The settled name is not looked up again.
    expect(searches(h)).toEqual([searchFor('Bakker')]);
    const after = h.connector.calls.slice(before).filter((c) => c.method === 'POST' && c.conversationId === ALEX.conversationId);
    expect(replyTexts(after)).toEqual([t('en', 'finish.done', { tasks: t('en', 'finish.tasks', { count: 1, ids: '43' }) })]);
  });

  it('says so when no one of that name is found, and posts nothing', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 43);

    const replies = await say(h, ALEX, 'finish task 43 forward to Zoë Zwart');

    expect(searches(h)).toEqual([searchFor('Zoë Zwart')]);
    expect(replyTexts(replies)).toEqual([
      t('en', 'chat.assigneeNotFound', { name: 'Zoë Zwart', tasks: t('en', 'finish.tasks', { count: 1, ids: '43' }) }),
    ]);
    expect(finishRequests(h)).toEqual([]);
  });

  it('asks whom to pass the task to when the step requires it and no name was typed, searching nothing', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 43);

    const replies = await say(h, ALEX, 'finish task 43 forward for review');

    const tasks = t('en', 'finish.tasks', { count: 1, ids: '43' });
    const example = t('en', 'chat.assigneesExample', { tasks, step: 'Forward for review' });
    expect(replyTexts(replies)).toEqual([t('en', 'chat.assigneesNeeded', { step: 'Forward for review', tasks, example })]);
    expect(replies.map((c) => c.body?.type)).toEqual(['message']);
    expect([searches(h), finishRequests(h)]).toEqual([[], []]);
  });

  it('a typo gets "did you mean" with a button that runs the corrected command', async () => {
    const { card } = await deliverTask(h, ALEX, 42);

    const replies = await say(h, ALEX, 'finsh task 42');
    const question = cardReply(replies);
    expect(texts(cardOf(question.body))).toEqual([t('en', 'chat.didYouMean', { text: 'finish task 42' })]);
    expect(chatButtons(cardOf(question.body))).toEqual([
      { verb: 'chat.run', title: 'finish task 42', data: { text: 'finish task 42', label: 'finish task 42' } },
    ]);

    const before = h.connector.calls.length;
    const answer = await click(h, ALEX, 'chat.run', { text: 'finish task 42', label: 'finish task 42' }, activityIdOf(question));

    expect(answer.body.value).toEqual(
      expect.objectContaining({ body: [expect.objectContaining({ text: t('en', 'chat.chosen', { choice: 'finish task 42' }) })] }),
    );
    const shown = h.connector.calls.slice(before).filter((c) => c.method === 'POST' && c.conversationId === ALEX.conversationId);
    expect(shown.map((c) => cardOf(c.body))).toEqual([card]);
  });

  it('asks which step when several match as well, one button each; the clicked step is posted with the comment', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    // The sender names the invoice steps so that "pay" fits both.
    const notification = h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName });
    const [approve, reject] = notification.transitions ?? [];
    expect(
      (
        await h.notify({
          ...notification,
          transitions: [
            { ...approve, Name: 'Pay now' },
            { ...reject, Name: 'Pay later' },
          ],
        })
      ).status,
    ).toBe(202);
    await h.idle();

    const replies = await say(h, ALEX, 'finish task 42 pay: checked');
    const question = cardReply(replies);
    expect(texts(cardOf(question.body))).toEqual([t('en', 'chat.whichStep', { tasks: t('en', 'finish.tasks', { count: 1, ids: '42' }) })]);
    const offered = chatButtons(cardOf(question.body));
    expect(offered).toEqual([
      { verb: 'chat.run', title: 'Pay now', data: { text: 'finish task 42 pay: checked', step: 'Pay now', label: 'Pay now' } },
      { verb: 'chat.run', title: 'Pay later', data: { text: 'finish task 42 pay: checked', step: 'Pay later', label: 'Pay later' } },
    ]);
    expect(finishRequests(h)).toEqual([]);

    await click(h, ALEX, 'chat.run', offered[0]?.data as Record<string, unknown>, activityIdOf(question));
    await h.idle();

    const { Transitions, ...rest } = approveInvoice([42], 'checked');
    expect(finishRequests(h).map((r) => [r.status, r.body])).toEqual([
      [204, { ...rest, Transitions: Transitions.map((tr) => ({ ...tr, Name: 'Pay now' })) }],
    ]);
  });

  it('refuses a `chat.run` click whose data is not a command, running nothing', async () => {
    const question = await say(h, ALEX, 'finsh task 42');
    const answer = await click(h, ALEX, 'chat.run', { text: ['finish task 42'] }, activityIdOf(cardReply(question)));
    expect(answer).toEqual({
      status: 200,
      body: {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'InvalidActionData', message: 'text: expected the command text' },
      },
    });
  });
});
