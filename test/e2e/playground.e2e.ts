/**
 * The product in a real Teams client emulator, driven by a real browser: `npm run test:e2e` (config
 * test/e2e/jest.config.json; the main jest config only matches *.test.ts). Screenshots land in test/e2e/artifacts/;
 * E2E_UPDATE_DOCS=1 also refreshes docs/images/demo-card.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { t } from '../../src/i18n';
import { startDemoStack, PLAYGROUND_USER, type DemoStack } from '../../tools/demo/stack';
import { approveInvoice } from '../helpers/expectedOperations';
import { maybeUpdateReadmeScreenshot, readOr, saveFailure, screenshot } from './helpers/artifacts';
import { launchChromium, localOnlyContext } from './helpers/browser';
import { chromiumOrSkip } from './helpers/chromium';
import { PageRecorder } from './helpers/pageRecorder';
import { PlaygroundChat, WAIT_MS } from './helpers/playgroundChat';
import { signInThroughPopup } from './helpers/signInPopup';

const chromiumPath = chromiumOrSkip();
const COMMENT = 'Looks good, paid on time.';

(chromiumPath ? describe : describe.skip)('DigiOffice Tasks in the Microsoft 365 Agents Playground, driven by chromium', () => {
  let dataDir: string;
  let stack: DemoStack | null = null;
  let browser: Browser | null = null;
  let page: Page | null = null;
  let recorder: PageRecorder | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'do-teams-e2e-'));
    stack = await startDemoStack({ dataDir, ports: { digiOffice: 0, bot: 0, playground: 0 }, logLevel: 'info' });
    browser = await launchChromium(chromiumPath ?? '');
    page = await (await localOnlyContext(browser)).newPage();
    recorder = new PageRecorder(page);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs one step of the story; on failure saves a screenshot and the logs under test/e2e/artifacts/. */
  async function step<T>(name: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const report = await saveFailure(
        name,
        {
          page,
          sections: async () => ({
            'Agents Playground': (await stack?.playground.logs()) ?? '(not started)',
            'bot log': await readOr(join(dataDir, 'bot.log')),
            'DigiOffice simulator requests': JSON.stringify(stack?.sim.requests ?? [], null, 1),
            'page traffic': recorder?.text() ?? '',
          }),
        },
        error,
      );
      throw new Error(`e2e step "${name}" failed (report: ${report}): ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }

  it('signs in through the bot’s form, shows task cards, answers `finish task 44`, and finishes task 42 from its card', async () => {
    const s = stack!;
    const chat = new PlaygroundChat(page!);

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
