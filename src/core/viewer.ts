import type { Installation } from './installation';
import type { Locale } from './locale';

/** Who looks at a card: their language and IANA time zone. */
export interface Viewer {
  locale: Locale;
  timezone: string;
}

/** The installation's user as a viewer; a user whose Teams client sent no zone sees DigiOffice's (DIGIOFFICE_TIMEZONE). */
export function viewerOf(installation: Installation, digiOfficeZone: string): Viewer {
  return { locale: installation.locale, timezone: installation.timezone ?? digiOfficeZone };
}
