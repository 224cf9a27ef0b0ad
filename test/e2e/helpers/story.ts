import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemoStack, type DemoStack } from '../../../tools/demo/stack';
import { readOr, saveFailure } from './artifacts';
import { launchChromium, localOnlyContext } from './browser';
import { PageRecorder } from './pageRecorder';

/** One story in the Agents Playground: the demo stack and a browser page on it, shared by the tests of a describe. */
export interface PlaygroundStory {
  readonly stack: DemoStack;
  readonly page: Page;
  /** Runs one step of the story; on failure saves a screenshot and the logs under test/e2e/artifacts/. */
  step<T>(name: string, body: () => Promise<T>): Promise<T>;
}

/** Starts the stack and the page before the describe's tests (`beforeAll`) and closes them after (`afterAll`). */
export function usePlaygroundStory(chromiumPath: string): PlaygroundStory {
  let dataDir = '';
  let stack: DemoStack | null = null;
  let browser: Browser | null = null;
  let page: Page | null = null;
  let recorder: PageRecorder | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'do-teams-e2e-'));
    stack = await startDemoStack({ dataDir, ports: { digiOffice: 0, bot: 0, playground: 0 }, logLevel: 'info' });
    browser = await launchChromium(chromiumPath);
    page = await (await localOnlyContext(browser)).newPage();
    recorder = new PageRecorder(page);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const started = <T>(value: T | null, what: string): T => {
    if (!value) throw new Error(`the ${what} is used before beforeAll started it`);
    return value;
  };

  return {
    get stack() {
      return started(stack, 'demo stack');
    },
    get page() {
      return started(page, 'browser page');
    },
    async step<T>(name: string, body: () => Promise<T>): Promise<T> {
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
    },
  };
}
