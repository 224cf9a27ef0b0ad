import { t } from '../../src/i18n';
import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { cardOf, ofType, texts } from '../helpers/cardQueries';
import { click, deliverTask, finishRequests } from '../helpers/flows';
import { startHarness, type Harness } from '../helpers/harness';
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
    const finished = cardOf(put.body);
    expect(texts(finished).join(' ')).toMatch(/Approve.*Alex Wilber/);
    expect(ofType(finished, 'Action.Execute')).toEqual([]);
    expect(finishRequests(h).map((r) => r.status)).toEqual([204]);
  });
});
