import type { Locator, Page } from 'playwright-core';

export const WAIT_MS = 20_000;

/** The Agents Playground page as a user sees it: the personal chat with the bot, its compose box and messages. */
export class PlaygroundChat {
  constructor(readonly page: Page) {}

  /** Opening the page installs the bot (the Playground sends installationUpdate + conversationUpdate). */
  async open(url: string): Promise<void> {
    await this.page.goto(url, { timeout: WAIT_MS });
    await this.page.getByText('Personal Chat', { exact: true }).first().click({ timeout: WAIT_MS });
  }

  async say(text: string): Promise<void> {
    const compose = this.page.locator('[contenteditable="true"]').first();
    await compose.click({ timeout: WAIT_MS });
    await compose.pressSequentially(text);
    await compose.press('Enter');
  }

  /** Text messages (not cards) containing `text`. */
  messages(text: string | RegExp): Locator {
    return this.page.getByRole('paragraph').filter({ hasText: text });
  }

  /** Rendered Adaptive Cards containing `text`. */
  cards(text: string | RegExp): Locator {
    return this.page.locator('.ac-adaptiveCard').filter({ hasText: text });
  }

  async waitForMessage(text: string | RegExp, nth = 0): Promise<Locator> {
    const message = this.messages(text).nth(nth);
    await message.waitFor({ state: 'visible', timeout: WAIT_MS });
    return message;
  }

  /** Waits until at least `nth + 1` cards contain `text`; returns that one. */
  async waitForCard(text: string | RegExp, nth = 0): Promise<Locator> {
    const card = this.cards(text).nth(nth);
    await card.waitFor({ state: 'visible', timeout: WAIT_MS });
    return card;
  }
}
