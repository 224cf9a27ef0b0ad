import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { cardOf, texts } from '../helpers/cardQueries';
import { click, deliverTask, digiOfficeUserOf, finishRequests, say } from '../helpers/flows';
import { useRestarts } from '../helpers/harness';
import { ALEX } from '../helpers/teamsActivities';

describe('everything the bot learned survives a restart (SQLite)', () => {
  const { first, restart } = useRestarts();

  it('after a restart `finish task 42 approve` still works and nobody has to sign in again', async () => {
    await first.install(ALEX);
    await first.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(first, ALEX, 42);
    await first.stopBot();

    const second = await restart();
    const shown = await say(second, ALEX, 'finish task 42');
    expect(texts(cardOf(shown[0]?.body))).toEqual(expect.arrayContaining(['Approve invoice INV-2026-0042']));

    const response = await click(second, ALEX, 'task.finish', { taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove }, activityId);
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const posts = finishRequests(second);
    expect(posts.map((r) => r.status)).toEqual([204]);
    expect(await digiOfficeUserOf(second, posts[0]?.headers.authorization)).toBe(12);
    expect(first.sim.requestsTo('POST', '/api/auth/credentials')).toHaveLength(1);
  });

  // botbuilder retries each 503 three times with backoff (about 5 s) before the outbox schedules its own retry.
  it('delivers after a restart a notification that was accepted while Teams was failing', async () => {
    await first.install(ALEX);
    first.connector.failNext({ method: 'POST', path: /\/activities/, status: 503, times: 1000 });
    const accepted = await first.notify(first.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }));
    expect(accepted.status).toBe(202);
    await first.stopBot();
    const failedSoFar = first.connector.calls.filter((c) => c.method === 'POST' && c.status === 503).length;
    expect(failedSoFar).toBeGreaterThan(0);
    first.connector.reset();

    const second = await restart();
    await second.idle();
    const cards = first.connector.calls.filter((c) => c.method === 'POST' && Array.isArray(c.body?.attachments));
    expect(cards).toHaveLength(1);
    expect(texts(cardOf(cards[0]?.body))).toEqual(expect.arrayContaining(['Approve invoice INV-2026-0042']));
  }, 40_000);
});
