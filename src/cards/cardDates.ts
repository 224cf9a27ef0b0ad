import { DateTime } from 'luxon';
import type { Locale } from '../core/locale';
import { parseDigiOfficeDate } from '../digioffice/dates';

const LUXON_LOCALE: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL' };

/**
 * A DigiOffice timestamp (any form `parseDigiOfficeDate` reads) as a moment in DigiOffice's `zone`.
 * Null when absent, unreadable, or .NET's `DateTime.MinValue` (year 1), which DigiOffice writes for "no date".
 */
export function parseDigiOfficeTimestamp(value: string | null | undefined, zone: string): DateTime | null {
  if (!value) return null;
  let instant: Date;
  try {
    instant = parseDigiOfficeDate(value.trim(), zone);
  } catch {
    return null;
  }
  const parsed = DateTime.fromJSDate(instant, { zone });
  return parsed.isValid && parsed.year > 1900 ? parsed : null;
}

/** An instant the bot stored itself (ISO with offset). */
export function parseInstant(iso: string | null | undefined): DateTime | null {
  if (!iso) return null;
  const parsed = DateTime.fromISO(iso, { setZone: true });
  return parsed.isValid ? parsed : null;
}

/**
 * A due date: "Fri 4 Dec, 17:00" in the user's zone. A due date at midnight is a date without a time: it is shown as
 * that date ("Fri 4 Dec"), not moved into the user's zone (which could turn it into the evening before).
 */
export function formatDue(due: DateTime, locale: Locale, userZone: string): string {
  if (due.hour === 0 && due.minute === 0 && due.second === 0 && due.millisecond === 0) {
    return due.setLocale(LUXON_LOCALE[locale]).toFormat('ccc d LLL');
  }
  return inUserZone(due, userZone).setLocale(LUXON_LOCALE[locale]).toFormat('ccc d LLL, HH:mm');
}

/** When something happened or will happen: "Mon 30 Nov 17:05" in the user's zone. */
export function formatMoment(moment: DateTime, locale: Locale, userZone: string): string {
  return inUserZone(moment, userZone).setLocale(LUXON_LOCALE[locale]).toFormat('ccc d LLL HH:mm');
}

/** An unknown zone name must not turn a card line into "Invalid DateTime": keep the original zone then. */
function inUserZone(moment: DateTime, userZone: string): DateTime {
  const moved = moment.setZone(userZone);
  return moved.isValid ? moved : moment;
}
