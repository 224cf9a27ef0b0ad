import type { CardJson } from '../core/cardChannel';
import type { Locale } from '../core/locale';
import { t } from '../i18n';
import { expand } from './templates';

/** Asks the user to link their DigiOffice account; `url` is the single-use sign-in page link. */
export function renderSignInCard(locale: Locale, url: string): CardJson {
  return expand('signin', {
    title: t(locale, 'signinCard.title'),
    text: t(locale, 'signinCard.text'),
    button: t(locale, 'signinCard.button'),
    url,
  });
}
