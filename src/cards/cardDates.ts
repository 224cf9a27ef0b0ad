import { DateTime } from 'luxon';
import { parseDigiOfficeDateTime } from '../digioffice/dates';
import { formatMoment, type TimeViewer } from '../i18n/times';

/**
 * A DigiOffice timestamp (any form `parseDigiOfficeDate` reads, src/digioffice/dates.ts) as a moment in DigiOffice's `zone`.
 * Null when absent, unreadable, or .NET's `DateTime.MinValue` (year 1), which DigiOffice writes for "no date".
 */
export function parseDigiOfficeTimestamp(value: string | null | undefined, zone: string): DateTime | null {
  if (!value) return null;
  let parsed: DateTime;
  try {
    parsed = parseDigiOfficeDateTime(value.trim(), zone);
  } catch {
    return null;
  }
  return parsed.isValid && parsed.year > 1900 ? parsed : null;
}

/** An instant the bot stored itself (ISO with offset). */
export function parseInstant(iso: string | null | undefined): DateTime | null {
  if (!iso) return null;
  const parsed = DateTime.fromISO(iso, { setZone: true });
  return parsed.isValid ? parsed : null;
}

/** An instant the bot stored, in the viewer's words (the one time format of cards, lists and replies); as stored if unreadable. */
export function formatInstant(iso: string, viewer: TimeViewer, now: Date): string {
  const parsed = parseInstant(iso);
  return parsed ? formatMoment(parsed, viewer, now) : iso;
}
