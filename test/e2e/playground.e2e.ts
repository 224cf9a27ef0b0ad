/**
 * The product in a real Teams client emulator, driven by a real browser: `npm run test:e2e` (config
 * test/e2e/jest.config.json; the main jest config only matches *.test.ts). Screenshots land in test/e2e/artifacts/;
 * E2E_UPDATE_DOCS=1 also refreshes docs/images/demo-card.png.
 */
import { t } from '../../src/i18n';
import { PLAYGROUND_USER } from '../../tools/demo/stack';
import { approveInvoice } from '../helpers/expectedOperations';
import { messagePattern } from '../helpers/messages';
import { maybeUpdateReadmeScreenshot, screenshot } from './helpers/artifacts';
import { chromiumOrSkip } from './helpers/chromium';
import { PlaygroundChat, WAIT_MS } from './helpers/playgroundChat';
import { signInThroughPopup } from './helpers/signInPopup';
import { usePlaygroundStory } from './helpers/story';

const chromiumPath = chromiumOrSkip();
const COMMENT = 'Looks good, paid on time.';

(chromiumPath ? describe : describe.skip)('DigiOffice Tasks in the Microsoft 365 Agents Playground, driven by chromium', () => {
  const story = usePlaygroundStory(chromiumPath ?? '');
  const step = story.step.bind(story);

  it('signs in through the bot’s form, shows task cards, answers `finish task 44`, and finishes task 42 from its card', async () => {
    const s = story.stack;
    const chat = new PlaygroundChat(story.page);

    await step('open the personal chat', async () => {
      await chat.open(s.playground.url);
      await chat.waitForMessage(t('en', 'chat.welcome'));
    });

    await step('sign in', async () => {
      await signInThroughPopup(chat, 'alexw', 'demo');
      await chat.waitForMessage(t('en', 'chat.signedIn', { name: PLAYGROUND_USER.name }));
    });

    const card42 = await step('deliver task 42', async () => {
      const result = await s.notify(42);
      expect(result).toEqual({ status: 202, body: { id: expect.any(String), status: 'queued' } });
      return chat.waitForCard('Approve invoice INV-2026-0042');
    });

    await step('finish task 44 by typing', async () => {
      expect((await s.notify(44)).status).toBe(202);
      await chat.waitForCard('Sign off contract C-2026-07');
      await chat.say('finish task 44');
      const answer = await chat.waitForCard('Sign off contract C-2026-07', 1);
      await answer.getByRole('button', { name: 'Sign off', exact: true }).waitFor({ timeout: WAIT_MS });
    });

    await step('approve task 42 with a comment', async () => {
      await card42.getByLabel('Comment').fill(COMMENT, { timeout: WAIT_MS });
      await maybeUpdateReadmeScreenshot(await screenshot(card42, 'card-42-before'));
      await card42.getByRole('button', { name: 'Approve', exact: true }).click({ timeout: WAIT_MS });
      await card42.getByText(`Finished: Approve by ${PLAYGROUND_USER.name}`).waitFor({ timeout: WAIT_MS });
      await screenshot(card42, 'card-42-after');
    });

    await step('check what DigiOffice received and what the page shows', async () => {
      const posts = s.sim.requestsTo('POST', '/api/workflowtasks/finish');
      expect(posts.map((p) => p.body)).toEqual([approveInvoice([42], COMMENT)]);
      expect(posts[0]?.status).toBe(204);
      expect(s.sim.taskState(42)?.status).toBe('finished');

      expect(await chat.cards('Approve invoice INV-2026-0042').count()).toBe(1);
      expect(await card42.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
      expect(await card42.getByRole('button', { name: 'Reject', exact: true }).count()).toBe(0);
      expect(await card42.getByLabel('Comment').count()).toBe(0);
    });
  });
});

(chromiumPath ? describe : describe.skip)('DigiOffice Tasks in the Agents Playground, in Dutch', () => {
  const story = usePlaygroundStory(chromiumPath ?? '');
  const step = story.step.bind(story);

  it('`taak 42 uitstellen tot volgende week` defers task 42 to the same day next week, says until when, and the card shows it', async () => {
    const s = story.stack;
    const chat = new PlaygroundChat(story.page);

    await step('open the personal chat and sign in', async () => {
      await chat.open(s.playground.url);
      await chat.waitForMessage(t('en', 'chat.welcome'));
      await signInThroughPopup(chat, 'alexw', 'demo');
      await chat.waitForMessage(t('en', 'chat.signedIn', { name: PLAYGROUND_USER.name }));
    });

    const card42 = await step('deliver task 42', async () => {
      expect((await s.notify(42)).status).toBe(202);
      return chat.waitForCard('Approve invoice INV-2026-0042');
    });

    await step('a typo gets "did you mean" with a button that runs the command', async () => {
      await chat.say('mijn takne');
      const question = await chat.waitForCard(t('nl', 'chat.didYouMean', { text: 'mijn taken' }));
      await screenshot(question, 'did-you-mean');
      await question.getByRole('button', { name: 'mijn taken', exact: true }).click({ timeout: WAIT_MS });
      await chat.waitForCard(t('nl', 'list.title', { count: 1 }));
      // The question is replaced by the choice, without a button left to click twice.
      const chosen = await chat.waitForCard(t('nl', 'chat.chosen', { choice: 'mijn taken' }));
      expect(await chosen.getByRole('button').count()).toBe(0);
      expect(await chat.cards(t('nl', 'chat.didYouMean', { text: 'mijn taken' })).count()).toBe(0);
    });

    await step('defer it in Dutch', async () => {
      await chat.say('taak 42 uitstellen tot volgende week');
      await chat.waitForMessage(messagePattern('nl', 'chat.deferred'));
    });

    await step('check what DigiOffice received, the reply and the card', async () => {
      const posts = s.sim.requestsTo('POST', '/api/workflowtasks/finish');
      expect(posts.map((p) => [p.status, (p.body as { TaskIDs: number[] }).TaskIDs])).toEqual([[204, [42]]]);
      const deferTo = String((posts[0]?.body as { DeferTo: string }).DeferTo);
      // The same weekday next week, until 08:00 in the user's zone (the browser's), which DigiOffice gets in its own.
      const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toLocaleDateString('en-CA', { timeZone: 'Europe/Amsterdam' });
      expect(deferTo).toMatch(new RegExp(`^${nextWeek}T\\d{2}:00:00\\.0000000$`));
      expect(s.sim.taskState(42)?.status).toBe('deferred');

      const reply = await chat.waitForMessage(messagePattern('nl', 'chat.deferred'));
      expect(await reply.textContent()).toContain('08:00');
      // The card is drawn in the Teams client's language (the Playground's is English).
      await card42.getByText(messagePattern('en', 'card.result.deferred')).waitFor({ timeout: WAIT_MS });
      expect(await card42.textContent()).toContain('08:00');
      await screenshot(card42, 'card-42-deferred');
    });
  });
});
