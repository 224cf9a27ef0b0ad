import { t } from '../../src/i18n';
import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { bannerText, byId, cardOf, chatButtons, finishActions, ofType, texts } from '../helpers/cardQueries';
import { forwardDrawing } from '../helpers/expectedOperations';
import { activityIdOf, cardReply, click, deliverTask, finishRequests, say } from '../helpers/flows';
import { startHarness, type Harness } from '../helpers/harness';
import { capturedLog } from '../helpers/ops';
import type { Storage } from '../../src/storage/storage';
import { ALEX } from '../helpers/teamsActivities';

describe('a DigiOffice slower than the invoke budget', () => {
  let h: Harness;
  beforeAll(async () => {
    // A short budget stands in for Teams' ~10 s, so the test does not wait that long.
    h = await startHarness({ env: { INVOKE_BUDGET_MS: '300' } });
    await h.install(ALEX);
    await h.signIn(ALEX, 'alexw', 'demo');
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers at once with a "working…" card and replaces it with the finished card when DigiOffice answers', async () => {
    h.sim.setLatency(0);
    const { activityId } = await deliverTask(h, ALEX, 42);
    h.sim.setLatency(1500);

    const response = await click(
      h,
      ALEX,
      'task.finish',
      { taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove, comment: 'slow' },
      activityId,
    );

    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(texts(response.body.value)).toContain(t('en', 'finish.working'));
    expect(ofType(response.body.value, 'Action.Execute')).toEqual([]);

    const put = await h.connector.waitFor((c) => c.method === 'PUT' && c.activityId === activityId, 10_000);
    expect(put.body?.summary).toBe(t('en', 'card.summary', { id: 42, name: 'Approve invoice INV-2026-0042' }));
    const finished = cardOf(put.body);
    expect(texts(finished).join(' ')).toMatch(/Approve.*Alex Wilber/);
    expect(ofType(finished, 'Action.Execute')).toEqual([]);
    expect(finishRequests(h).map((r) => r.status)).toEqual([204]);
  });

  it('a chat question’s button: the choice says "working…" at once; the reply follows in the chat, and the choice stays', async () => {
    h.sim.setLatency(0);
    const { activityId: taskCard } = await deliverTask(h, ALEX, 43);
    const question = cardReply(await say(h, ALEX, 'finish task 43 forward to Bakker: please check'));
    const marie = chatButtons(cardOf(question.body)).find((b) => b.title === 'Marie Bakker')?.data as Record<string, unknown>;
    const questionId = activityIdOf(question);
    h.sim.setLatency(1500);
    h.sim.clearRequests();
    const before = h.connector.calls.length;

    const response = await click(h, ALEX, 'chat.run', marie, questionId);

    const chosen = t('en', 'chat.chosen', { choice: 'Marie Bakker' });
    expect([response.status, response.body.statusCode, response.body.type]).toEqual([200, 200, 'application/vnd.microsoft.card.adaptive']);
    expect(texts(response.body.value)).toEqual([chosen, t('en', 'chat.working')]);
    expect(ofType(response.body.value, 'Action.Execute')).toEqual([]);

    const put = await h.connector.waitFor((c) => c.method === 'PUT' && c.activityId === questionId, 10_000);
    await h.idle();
    expect([put.body?.summary, texts(cardOf(put.body)), ofType(cardOf(put.body), 'Action.Execute')]).toEqual([chosen, [chosen], []]);
    const answers = h.connector.calls.slice(before).filter((c) => c.conversationId === ALEX.conversationId && c.body?.type !== 'typing');
    const which = (c: (typeof answers)[number]) =>
      c.activityId === questionId ? 'question' : c.activityId === taskCard ? 'task 43' : c.body?.text;
    const done = t('en', 'finish.done', { tasks: t('en', 'finish.tasks', { count: 1, ids: '43' }) });
    expect(answers.map((c) => [c.method, which(c)])).toEqual([
      ['PUT', 'task 43'],
      ['PUT', 'question'],
      ['POST', done],
    ]);
    expect(finishRequests(h).map((r) => [r.status, r.body])).toEqual([[204, forwardDrawing([17], 'please check')]]);
  });
  it('a chat question whose card can no longer be updated: the replies are still sent', async () => {
    h.sim.setLatency(0);
    await deliverTask(h, ALEX, 46);
    const question = cardReply(await say(h, ALEX, 'finsh task 46 approve'));
    const questionId = activityIdOf(question);
    const [corrected] = chatButtons(cardOf(question.body));
    h.sim.setLatency(1500);
    h.connector.failNext({ method: 'PUT', path: `/activities/${questionId}`, status: 404 });
    const before = h.connector.calls.length;

    const response = await click(h, ALEX, 'chat.run', corrected?.data as Record<string, unknown>, questionId);
    expect(texts(response.body.value)).toEqual([t('en', 'chat.chosen', { choice: 'finish task 46 approve' }), t('en', 'chat.working')]);

    const done = t('en', 'finish.done', { tasks: t('en', 'finish.tasks', { count: 1, ids: '46' }) });
    await h.connector.waitFor((c) => c.method === 'POST' && c.body?.text === done, 10_000);
    await h.idle();
    const question404 = h.connector.calls.slice(before).filter((c) => c.method === 'PUT' && c.activityId === questionId);
    expect(question404.map((c) => c.status)).toEqual([404]);
  });
});

describe('a slow attempt that fails after the invoke was answered (its own simulator: tasks 42 and 43 anew)', () => {
  let h: Harness;
  // The click's own writes (its lock and its outcome, written without an fsync) fail while this is set: the outcome's
  // write comes after DigiOffice's answer, so the attempt fails after the "working…" answer.
  let outcomeWritesFail = false;
  const log = capturedLog('warn');
  const failingOutcomes = (storage: Storage): Storage => {
    const batch = storage.batch.bind(storage);
    storage.batch = (changes, options) =>
      outcomeWritesFail && options?.durability === 'process-crash' ? Promise.reject(new Error('disk full')) : batch(changes, options);
    return storage;
  };
  beforeAll(async () => {
    h = await startHarness({ env: { INVOKE_BUDGET_MS: '300' }, wrapStorage: failingOutcomes, logger: log.logger });
    await h.install(ALEX);
    await h.signIn(ALEX, 'alexw', 'demo');
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    outcomeWritesFail = false;
  });

  it('a task card: "working…" is replaced by the card as it was, with what was typed and the error', async () => {
    h.sim.setLatency(0);
    const { activityId, card: delivered } = await deliverTask(h, ALEX, 42);
    h.sim.setLatency(1500);
    outcomeWritesFail = true;

    const response = await click(
      h,
      ALEX,
      'task.finish',
      { taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove, comment: 'kept' },
      activityId,
    );
    expect(texts(response.body.value)).toContain(t('en', 'finish.working'));

    const put = await h.connector.waitFor((c) => c.method === 'PUT' && c.activityId === activityId, 10_000);
    await h.idle();
    const card = cardOf(put.body);
    expect(put.body?.summary).toBe(t('en', 'card.summary', { id: 42, name: 'Approve invoice INV-2026-0042' }));
    expect([bannerText(card), byId(card, 'comment')?.value]).toEqual([t('en', 'error.internal'), 'kept']);
    expect(finishActions(card)).toEqual(finishActions(delivered));
    expect(
      log
        .entries()
        .filter((line) => line.msg === 'background work failed')
        .map((line) => [line.work, (line.err as { message?: string }).message]),
    ).toEqual([['slow finish', 'disk full']]);
  });

  it('a chat question’s button: the choice stops saying "working…" and the chat says something went wrong', async () => {
    h.sim.setLatency(0);
    await deliverTask(h, ALEX, 43);
    const question = cardReply(await say(h, ALEX, 'finish task 43 forward to Bakker: please check'));
    const marie = chatButtons(cardOf(question.body)).find((b) => b.title === 'Marie Bakker')?.data as Record<string, unknown>;
    const questionId = activityIdOf(question);
    h.sim.setLatency(1500);
    outcomeWritesFail = true;
    const before = h.connector.calls.length;

    const response = await click(h, ALEX, 'chat.run', marie, questionId);
    const chosen = t('en', 'chat.chosen', { choice: 'Marie Bakker' });
    expect(texts(response.body.value)).toEqual([chosen, t('en', 'chat.working')]);

    await h.connector.waitFor((c) => c.method === 'POST' && c.body?.text === t('en', 'error.internal'), 10_000);
    await h.idle();
    const answers = h.connector.calls.slice(before).filter((c) => c.conversationId === ALEX.conversationId && c.body?.type !== 'typing');
    expect(answers.map((c) => [c.method, c.activityId === questionId ? texts(cardOf(c.body)) : c.body?.text])).toEqual([
      ['PUT', [chosen]],
      ['POST', t('en', 'error.internal')],
    ]);
    expect(
      log
        .entries()
        .filter((line) => line.msg === 'background work failed')
        .map((line) => line.work),
    ).toEqual(['slow finish', 'slow chat click']);
  });
});
