import { t } from '../../../src/i18n';
import { WAIT_MS, type PlaygroundChat } from './playgroundChat';

/**
 * Types `sign in`, clicks the sign-in card's button (an Action.OpenUrl: the Playground opens it in a popup), fills the
 * bot's own /auth/signin form and submits it, reads the one-time code the page shows (the Playground is not Teams: it
 * cannot take the code itself) and types it into the chat. The caller waits for the bot's confirmation.
 */
export async function signInThroughPopup(chat: PlaygroundChat, userName: string, password: string): Promise<void> {
  await chat.say('sign in');
  const card = await chat.waitForCard(t('en', 'signinCard.title'));
  const [popup] = await Promise.all([
    chat.page.waitForEvent('popup', { timeout: WAIT_MS }),
    card.getByRole('link', { name: t('en', 'signinCard.button') }).click({ timeout: WAIT_MS }),
  ]);
  let code: string;
  try {
    await popup.locator('input[name="username"]').fill(userName, { timeout: WAIT_MS });
    await popup.locator('input[name="password"]').fill(password, { timeout: WAIT_MS });
    await popup.locator('form button[type="submit"]').click({ timeout: WAIT_MS });
    code = ((await popup.locator('#signin-code').textContent({ timeout: WAIT_MS })) ?? '').trim();
  } finally {
    await popup.close();
  }
  await chat.say(code);
}
