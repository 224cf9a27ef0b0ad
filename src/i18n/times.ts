import { DateTime } from 'luxon';
import type { Locale } from '../core/locale';
import type { Viewer } from '../core/viewer';
import { t } from './index';

const LUXON_LOCALE: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL' };

/** What decides how a time reads for a viewer. */
export type TimeViewer = Pick<Viewer, 'locale' | 'timezone' | 'zoneKnown'>;

/**
 * A moment as the viewer reads it — the one way every card, list and reply shows a time, so a task's times agree
 * wherever the viewer sees them: "Fri 4 Dec, 17:00" in the viewer's zone; the year when it is not this year there
 * ("Mon 29 Mar 2027, 14:00"); followed by the zone's name ("17:00 (Europe/Amsterdam)") while the viewer's own zone
 * is not known yet, since the time is then DigiOffice's.
 */
export function formatMoment(moment: DateTime, viewer: TimeViewer, now: Date): string {
  const local = inZone(moment, viewer.timezone);
  const text = `${dateText(local, viewer.locale, now)}, ${twoDigits(local.hour)}:${twoDigits(local.minute)}`;
  return viewer.zoneKnown ? text : t(viewer.locale, 'time.inZone', { time: text, zone: local.zoneName ?? viewer.timezone });
}

/**
 * A due date. One at midnight is a date without a time: shown as that date ("Fri 4 Dec", "Fri 4 Dec 2027"), not
 * moved into the viewer's zone (which could turn it into the evening before); any other is a moment.
 */
export function formatDue(due: DateTime, viewer: TimeViewer, now: Date): string {
  if (due.hour !== 0 || due.minute !== 0 || due.second !== 0 || due.millisecond !== 0) return formatMoment(due, viewer, now);
  return dateText(due, viewer.locale, now);
}

/**
 * Short weekday and month names as luxon writes them (`ccc`, `LLL`), looked up once per language: luxon's `toFormat`
 * finds them anew on every call, which was most of the time a card spends writing a date.
 */
const NAMES: Record<Locale, { weekdays: string[]; months: string[] }> = {
  en: namesIn(LUXON_LOCALE.en),
  nl: namesIn(LUXON_LOCALE.nl),
};

function namesIn(luxonLocale: string) {
  // 2024-01-01 was a Monday, luxon's weekday 1.
  const day = (n: number) => DateTime.fromObject({ year: 2024, month: 1, day: n }, { zone: 'utc', locale: luxonLocale });
  const month = (n: number) => DateTime.fromObject({ year: 2024, month: n, day: 15 }, { zone: 'utc', locale: luxonLocale });
  return {
    weekdays: Array.from({ length: 7 }, (_, i) => day(i + 1).toFormat('ccc')),
    months: Array.from({ length: 12 }, (_, i) => month(i + 1).toFormat('LLL')),
  };
}

/** luxon's `ccc d LLL`, followed by `yyyy` when the date is not in this year. */
function dateText(date: DateTime, locale: Locale, now: Date): string {
  const { weekdays, months } = NAMES[locale];
  const text = `${weekdays[date.weekday - 1]} ${date.day} ${months[date.month - 1]}`;
  return isThisYear(date, now) ? text : `${text} ${String(date.year).padStart(4, '0')}`;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** Zones differ from UTC by at most 14 hours: further from New Year than that, it is the same year everywhere. */
const NEW_YEAR_MARGIN_MS = 14 * 60 * 60 * 1000;

function isThisYear(moment: DateTime, now: Date): boolean {
  const year = now.getUTCFullYear();
  const ms = now.getTime();
  const nearNewYear = ms - Date.UTC(year, 0, 1) < NEW_YEAR_MARGIN_MS || Date.UTC(year + 1, 0, 1) - ms < NEW_YEAR_MARGIN_MS;
  // Reading the zone's offset costs more than the rest of the date's formatting; only New Year needs it.
  return moment.year === (nearNewYear ? DateTime.fromJSDate(now, { zone: moment.zone }).year : year);
}

/** An unknown zone name must not turn a line into "Invalid DateTime": the moment keeps its own zone then. */
function inZone(moment: DateTime, zone: string): DateTime {
  const moved = moment.setZone(zone);
  return moved.isValid ? moved : moment;
}
