import { DateTime } from 'luxon';
import { formatDue, formatMoment } from '../../../src/i18n/times';

const amsterdam = { locale: 'en' as const, timezone: 'Europe/Amsterdam', zoneKnown: true };
const NOW = new Date('2026-11-30T10:00:00Z');
const instant = (iso: string) => DateTime.fromISO(iso, { setZone: true });

describe('formatMoment', () => {
  test('a moment this year, in the viewer’s zone and language', () => {
    expect(formatMoment(instant('2026-12-04T16:00:00Z'), amsterdam, NOW)).toBe('Fri 4 Dec, 17:00');
    expect(formatMoment(instant('2026-12-04T16:00:00Z'), { ...amsterdam, locale: 'nl' }, NOW)).toBe('vr 4 dec, 17:00');
    expect(formatMoment(instant('2026-12-04T16:00:00Z'), { ...amsterdam, timezone: 'America/New_York' }, NOW)).toBe('Fri 4 Dec, 11:00');
  });

  test('carries the year when it is not this year', () => {
    expect(formatMoment(instant('2027-03-29T10:00:00Z'), amsterdam, NOW)).toBe('Mon 29 Mar 2027, 12:00');
    expect(formatMoment(instant('2025-12-31T10:00:00Z'), { ...amsterdam, locale: 'nl' }, NOW)).toBe('wo 31 dec 2025, 11:00');
  });

  test('"this year" is the viewer’s: on New Year’s Eve in New York it is already next year in Amsterdam', () => {
    const newYearsEve = new Date('2026-12-31T23:30:00Z');
    const firstOfJanuary = instant('2027-01-01T09:00:00Z');
    expect(formatMoment(firstOfJanuary, amsterdam, newYearsEve)).toBe('Fri 1 Jan, 10:00');
    expect(formatMoment(firstOfJanuary, { ...amsterdam, timezone: 'America/New_York' }, newYearsEve)).toBe('Fri 1 Jan 2027, 04:00');
  });

  test('names the zone while the viewer’s own zone is not known yet', () => {
    const stranger = { ...amsterdam, zoneKnown: false };
    expect(formatMoment(instant('2026-12-04T16:00:00Z'), stranger, NOW)).toBe('Fri 4 Dec, 17:00 (Europe/Amsterdam)');
    expect(formatMoment(instant('2027-12-04T16:00:00Z'), { ...stranger, locale: 'nl' }, NOW)).toBe(
      'za 4 dec 2027, 17:00 (Europe/Amsterdam)',
    );
  });

  test('an unknown zone keeps the moment’s own zone instead of "Invalid DateTime"', () => {
    expect(formatMoment(instant('2026-12-04T17:00:00+01:00'), { ...amsterdam, timezone: 'Mars/Olympus' }, NOW)).toBe('Fri 4 Dec, 17:00');
  });
});

describe('weekday and month names', () => {
  test('every weekday and every month, in English and Dutch, as luxon writes them', () => {
    const days = (locale: 'en' | 'nl') =>
      Array.from({ length: 7 }, (_, i) => formatMoment(instant(`2026-06-0${i + 1}T06:05:00Z`), { ...amsterdam, locale }, NOW));
    const months = (locale: 'en' | 'nl') =>
      Array.from({ length: 12 }, (_, i) =>
        formatDue(instant(`2027-${String(i + 1).padStart(2, '0')}-15T00:00:00+01:00`), { ...amsterdam, locale }, NOW),
      );
    const expected = (locale: 'en' | 'nl') =>
      Array.from({ length: 7 }, (_, i) =>
        DateTime.fromISO(`2026-06-0${i + 1}T08:05:00`, { locale: locale === 'en' ? 'en-GB' : 'nl-NL' }).toFormat('ccc d LLL, HH:mm'),
      );
    expect([days('en'), days('nl')]).toEqual([expected('en'), expected('nl')]);
    expect(days('en')).toEqual([
      'Mon 1 Jun, 08:05',
      'Tue 2 Jun, 08:05',
      'Wed 3 Jun, 08:05',
      'Thu 4 Jun, 08:05',
      'Fri 5 Jun, 08:05',
      'Sat 6 Jun, 08:05',
      'Sun 7 Jun, 08:05',
    ]);
    expect(months('en').map((text) => text.split(' ').slice(2).join(' '))).toEqual(
      ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'].map((month) => `${month} 2027`),
    );
    expect(months('nl').map((text) => text.split(' ').slice(2).join(' '))).toEqual(
      ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'].map((month) => `${month} 2027`),
    );
  });
});

describe('formatDue', () => {
  test('a due time is a moment', () => {
    const due = DateTime.fromISO('2026-12-04T17:00:00', { zone: 'Europe/Amsterdam' });
    expect(formatDue(due, { ...amsterdam, timezone: 'Europe/London' }, NOW)).toBe('Fri 4 Dec, 16:00');
  });

  test('a due date at midnight is a date, in any zone, with its year when it is not this one, and no zone', () => {
    const due = DateTime.fromISO('2027-01-08T00:00:00', { zone: 'Europe/Amsterdam' });
    expect(formatDue(due, { ...amsterdam, timezone: 'America/New_York', zoneKnown: false }, NOW)).toBe('Fri 8 Jan 2027');
    expect(formatDue(due.set({ year: 2026 }), amsterdam, NOW)).toBe('Thu 8 Jan');
  });
});
