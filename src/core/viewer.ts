import type { Installation } from './installation';
import type { Locale } from './locale';

/** Who looks at a card or reads a reply: their language, the zone their times are shown in, their Teams id. */
export interface Viewer {
  locale: Locale;
  /** IANA zone the viewer's times are shown in: their own, or DigiOffice's while theirs is not known yet. */
  timezone: string;
  /** False while Teams has not sent the viewer's own zone and `timezone` is DigiOffice's: times then name their zone. */
  zoneKnown: boolean;
  /** The viewer's Teams user id in the bot's conversation (`29:…`), for the card's automatic refresh; null if unknown. */
  teamsUserId: string | null;
}

/** The installation's user as a viewer; a user whose Teams client sent no zone sees DigiOffice's (DIGIOFFICE_TIMEZONE). */
export function viewerOf(installation: Installation, digiOfficeZone: string): Viewer {
  return {
    locale: installation.locale,
    timezone: installation.timezone ?? digiOfficeZone,
    zoneKnown: installation.timezone !== null,
    teamsUserId: installation.reference.user.id || null,
  };
}
