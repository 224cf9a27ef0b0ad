import type { MessageKey } from '../../src/i18n';
import { t } from '../../src/i18n';
import { bannerText, cardOf, finishActions, ofType, texts } from '../helpers/cardQueries';
import { approveInvoice } from '../helpers/expectedOperations';
import { click, deliverTask, finishRequests, say, replyTexts } from '../helpers/flows';
import { startHarness, useHarness } from '../helpers/harness';
import { messagePattern } from '../helpers/messages';
import { ALEX } from '../helpers/teamsActivities';

const FINISH = '/api/workflowtasks/finish';
const TASK_42 = t('en', 'finish.tasks', { count: 1, ids: '42' });

/** The value a message's one `{name}` placeholder took in `text` (the message must contain nothing else variable). */
function placeholderIn(key: MessageKey, params: Record<string, string>, name: string, text: string): string {
  const marker = '\u0001';
  const [prefix = '', suffix = ''] = t('en', key, { ...params, [name]: marker } as never).split(marker);
  expect(text.startsWith(prefix) && text.endsWith(suffix)).toBe(true);
  return text.slice(prefix.length, text.length - suffix.length);
}

const updatesOf = (h: ReturnType<typeof useHarness>, activityId: string) =>
  h.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === activityId).map((c) => cardOf(c.body));
const cardsOf42Sent = (h: ReturnType<typeof useHarness>) =>
  h.connector.calls
    .filter((c) => c.method === 'POST' && Array.isArray(c.body?.attachments))
    .filter((c) => texts(cardOf(c.body)).includes('Approve invoice INV-2026-0042'));

describe('a finish whose answer never arrives (DigiOffice applied it after the bot gave up)', () => {
  // DigiOffice answers after 5 s; the bot waits 500 ms for DigiOffice and 5 s for the invoke, so the click is answered.
  const h = useHarness({ install: [ALEX], harness: { env: { DIGIOFFICE_TIMEOUT_MS: '500', INVOKE_BUDGET_MS: '5000' } } });

  it('shows "unknown" on the one card, then "finished" after the retry’s "already finished": two POSTs, no input error', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId, card } = await deliverTask(h, ALEX, 42);
    const approve = finishActions(card).find((a) => a.title === 'Approve')?.data as Record<string, unknown>;
    expect(approve).toMatchObject({ taskIds: [42], rev: 1 });
    h.sim.answerLateNext('POST', FINISH, 5000);

    const first = await click(h, ALEX, 'task.finish', { ...approve, comment: 'paid on time' }, activityId);
    await h.idle();

    const unknown = first.body.value;
    expect(bannerText(unknown)).toMatch(messagePattern('en', 'card.unknown.finish'));
    const firstAt = placeholderIn('card.unknown.finish', { transition: 'Approve' }, 'at', bannerText(unknown) ?? '');
    expect(ofType(unknown, 'Input.Text').find((i) => i.id === 'comment')?.value).toBe('paid on time');
    expect(ofType(unknown, 'Action.OpenUrl').map((a) => a.url)).toEqual([`${h.sim.url}/workflow/tasks/42`]);
    const retry = ofType(unknown, 'Action.Execute').find((a) => a.title === t('en', 'card.retry'));
    expect(retry).toMatchObject({ verb: 'task.finish', data: { taskIds: [42], rev: 1, transitionId: approve.transitionId as string } });
    expect(h.sim.taskState(42)?.status).toBe('finished');

    const second = await click(h, ALEX, 'task.finish', { ...(retry?.data as object), comment: 'paid on time' }, activityId);
    await h.idle();

    const finished = second.body.value;
    expect(texts(finished)).toContain(t('en', 'card.result.finished', { transition: 'Approve', by: 'Alex Wilber', at: firstAt }));
    expect(texts(finished)).not.toContain(t('en', 'finish.invalid'));
    expect(texts(finished).join(' ')).not.toMatch(/already finished/);
    expect(ofType(finished, 'Action.Execute')).toEqual([]);
    expect(finishRequests(h).map((r) => r.body)).toEqual([approveInvoice([42], 'paid on time'), approveInvoice([42], 'paid on time')]);
    expect(finishRequests(h)[1]?.status).toBe(400);

    // The one card of the task said "unknown", then "finished"; nothing else was sent.
    expect(updatesOf(h, activityId)).toEqual([unknown, finished]);
    expect(cardsOf42Sent(h)).toHaveLength(1);
  });

  it('a typed `finish task 42 approve` follows the same rule: unknown, then finished by the retry’s "already finished"', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    h.sim.answerLateNext('POST', FINISH, 5000);

    const first = await say(h, ALEX, 'finish task 42 approve paid on time');
    const again = await say(h, ALEX, 'finish task 42 approve paid on time');

    expect(replyTexts(first)).toEqual([t('en', 'finish.unknown', { tasks: TASK_42 })]);
    expect(replyTexts(again)).toEqual([t('en', 'finish.alreadyFinished', { tasks: TASK_42 })]);
    expect(finishRequests(h).map((r) => r.body)).toEqual([approveInvoice([42], 'paid on time'), approveInvoice([42], 'paid on time')]);
    const [unknownCard, finishedCard] = updatesOf(h, activityId);
    expect(bannerText(unknownCard)).toMatch(messagePattern('en', 'card.unknown.finish'));
    expect(texts(finishedCard)).toContainEqual(expect.stringMatching(messagePattern('en', 'card.result.finished')));
    expect(ofType(finishedCard, 'Action.Execute')).toEqual([]);
  });

  it('keeps the unknown outcome across a restart of the bot', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 42);
    h.sim.answerLateNext('POST', FINISH, 5000);
    await say(h, ALEX, 'finish task 42 approve');

    await h.stopBot();
    const restarted = await startHarness({ sim: h.sim, connector: h.connector, storageDir: h.storageDir });
    try {
      const shown = await say(restarted, ALEX, 'finish task 42');
      expect(bannerText(cardOf(shown[0]?.body))).toMatch(messagePattern('en', 'card.unknown.finish'));
    } finally {
      await restarted.close();
    }
  });
});
