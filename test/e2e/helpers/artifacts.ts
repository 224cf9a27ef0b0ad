import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Git-ignored; screenshots and failure reports of the e2e run. */
export const ARTIFACTS_DIR = join(__dirname, '..', 'artifacts');
const README_SCREENSHOT = join(__dirname, '..', '..', '..', 'docs', 'images', 'demo-card.png');

export async function screenshot(target: Page | Locator, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await target.screenshot({ path, timeout: 10_000 });
  return path;
}

/** With E2E_UPDATE_DOCS=1, refreshes the committed README screenshot; never by default, to keep the tree clean. */
export async function maybeUpdateReadmeScreenshot(path: string): Promise<void> {
  if (process.env.E2E_UPDATE_DOCS !== '1') return;
  await mkdir(join(README_SCREENSHOT, '..'), { recursive: true });
  await copyFile(path, README_SCREENSHOT);
}

export interface FailureContext {
  page: Page | null;
  /** Extra text sections: logs, recorded traffic. */
  sections: () => Promise<Record<string, string>>;
}

/** Saves a screenshot and a text report for a failed step; never throws (the step's own error matters more). */
export async function saveFailure(step: string, context: FailureContext, error: unknown): Promise<string> {
  const name = `failure-${step.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  if (context.page) await screenshot(context.page, name).catch(() => undefined);
  const sections = await context.sections().catch((err: Error) => ({ 'collecting diagnostics failed': err.message }));
  const report = [`step: ${step}`, `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`]
    .concat(Object.entries(sections).map(([title, text]) => `\n===== ${title}\n${text}`))
    .join('\n');
  const path = join(ARTIFACTS_DIR, `${name}.txt`);
  await writeFile(path, report);
  return path;
}

export const readOr = (path: string): Promise<string> => readFile(path, 'utf8').catch((err: Error) => `(unreadable: ${err.message})`);
