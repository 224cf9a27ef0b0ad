import { t } from '../../../src/i18n';
import { messagePattern } from '../../helpers/messages';
import { WAIT_MS, type PlaygroundChat } from './playgroundChat';

/**
 * Types `sign in`, clicks the sign-in card's button (an Action.OpenUrl: the Playground opens it in a popup), fills the
 * bot's own /auth/signin form and submits it; resolves once the popup shows the done page.
 */
export async function signInThroughPopup(chat: PlaygroundChat, userName: string, password: string): Promise<void> {
  await chat.say('sign in');
  const card = await chat.waitForCard(t('en', 'signinCard.title'));
  const [popup] = await Promise.all([
    chat.page.waitForEvent('popup', { timeout: WAIT_MS }),
    card.getByRole('link', { name: t('en', 'signinCard.button') }).click({ timeout: WAIT_MS }),
  ]);
  try {
    await popup.locator('input[name="username"]').fill(userName, { timeout: WAIT_MS });
    await popup.locator('input[name="password"]').fill(password, { timeout: WAIT_MS });
    await popup.locator('form button[type="submit"]').click({ timeout: WAIT_MS });
    await popup.getByText(messagePattern('en', 'signin.done')).waitFor({ timeout: WAIT_MS });
  } finally {
    await popup.close();
  }
}
