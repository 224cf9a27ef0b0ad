import { t } from '../../src/i18n';
import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { nextTo } from '../helpers/cardQueries';
import { englishWordsIn } from '../helpers/englishWords';
import { click, finishRequests, say, replyTexts } from '../helpers/flows';
import { useHarness } from '../helpers/harness';
import { ALEX } from '../helpers/teamsActivities';

/** Task 44 as a sender that forgot the reason is required: only DigiOffice's 400 says so. */
async function deliverWithoutReasonRule(h: ReturnType<typeof useHarness>): Promise<string> {
  const before = h.connector.calls.length;
  await h.notify({ ...h.sim.notificationFor(44, { userPrincipalName: ALEX.userPrincipalName }), reason: { Required: false } });
  await h.idle();
  const sent = h.connector.calls.slice(before).find((c) => c.method === 'POST' && Array.isArray(c.body?.attachments));
  return (sent?.response as { id: string }).id;
}

describe('every word in the user’s language, also when DigiOffice refuses an input', () => {
  const h = useHarness({ install: [ALEX] });

  it('a Dutch chat hears DigiOffice’s “reason required” as a Dutch sentence, without English', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverWithoutReasonRule(h);

    const replies = await say(h, ALEX, 'taak 44 uitstellen tot 2027-02-01', { locale: 'nl-NL' });

    expect(finishRequests(h).map((r) => r.status)).toEqual([400]);
    const text = replyTexts(replies);
    const reasonRequired = t('nl', 'card.fieldError', { field: t('nl', 'card.reason.label'), message: t('nl', 'inputError.required') });
    expect(text).toEqual([`${t('nl', 'finish.invalid')} ${reasonRequired}`]);
    expect(englishWordsIn(String(text[0]))).toEqual([]);
  });

  it('a Dutch card click shows DigiOffice’s refusal next to the input, in Dutch', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const activityId = await deliverWithoutReasonRule(h);

    const response = await click(
      h,
      ALEX,
      'task.finish',
      { taskIds: [44], transitionId: TRANSITION_IDS.contractSignOff, comment: 'getekend' },
      activityId,
      { locale: 'nl-NL' },
    );

    const card = (response.body as { value: unknown }).value;
    expect(nextTo(card, 'reason')).toEqual({
      type: 'TextBlock',
      text: t('nl', 'inputError.required'),
      color: 'Attention',
      wrap: true,
      spacing: 'Small',
    });
  });
});
