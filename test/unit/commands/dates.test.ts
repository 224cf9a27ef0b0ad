import { DateTime } from 'luxon';
import { parseDeferDate, startsDayOfMonth } from '../../../src/commands/dates';
import { tokenize } from '../../../src/commands/tokens';

/** 2026-11-30 is a Monday. */
const MONDAY = '2026-11-30';

function parse(text: string, today = MONDAY): ReturnType<typeof parseDeferDate> {
  return parseDeferDate(text, tokenize(text), 0, DateTime.fromISO(today, { zone: 'utc' }));
}

function day(date: string, text: string, next = 1, time: string | null = null): ReturnType<typeof parseDeferDate> {
  return { kind: 'date', until: { date, time }, text, next };
}

describe('parseDeferDate()', () => {
  describe('numeric dates', () => {
    it.each([
      ['2026-12-05', '2026-12-05'],
      ['2026/12/5', '2026-12-05'],
      ['5-12-2026', '2026-12-05'],
      ['05/12/2026', '2026-12-05'],
      ['5.12.2026', '2026-12-05'],
      ['29-02-2028', '2028-02-29'],
      ['2028-02-29', '2028-02-29'],
    ])('reads %j (day first when the year is last)', (text, date) => {
      expect(parse(text)).toEqual(day(date, text));
    });

    it.each([['2026-02-29'], ['29-02-2027'], ['31-11-2026'], ['2026-13-01'], ['0-12-2026'], ['2026-12-32']])(
      'calls %j impossible',
      (text) => {
        expect(parse(text)).toEqual({ kind: 'bad', text });
      },
    );
  });

  describe('dates with a month name', () => {
    it.each([
      ['5 Dec', '2026-12-05', 2],
      ['5 december 2027', '2027-12-05', 3],
      ['Dec 5, 2027', '2027-12-05', 4],
      ['December 5th', '2026-12-05', 2],
      ['1ste januari', '2027-01-01', 2],
      ['3 mrt 2027', '2027-03-03', 3],
      ['12 okt', '2027-10-12', 2],
      ['5 mei', '2027-05-05', 2],
      ['30 nov', '2026-11-30', 2],
    ])('reads %j', (text, date, next) => {
      expect(parse(text)).toEqual(day(date, text, next));
    });

    it('leaves a comma not followed by a year to the reason', () => {
      expect(parse('5 dec, supplier')).toEqual(day('2026-12-05', '5 dec', 2));
    });

    it('rolls a year-less date over the year end to its next occurrence', () => {
      expect(parse('5 jan', '2026-12-30')).toEqual(day('2027-01-05', '5 jan', 2));
      expect(parse('30 dec', '2026-12-30')).toEqual(day('2026-12-30', '30 dec', 2));
      expect(parse('29 dec', '2026-12-30')).toEqual(day('2027-12-29', '29 dec', 2));
    });

    it('finds the next 29 February for a year-less leap day', () => {
      expect(parse('29 feb')).toEqual(day('2028-02-29', '29 feb', 2));
    });

    it.each([['31 nov'], ['32 dec'], ['30 feb 2028'], ['0 jan']])('calls %j impossible', (text) => {
      expect(parse(text)).toEqual({ kind: 'bad', text });
    });
  });

  describe('relative days', () => {
    it.each([
      ['today', MONDAY, '2026-11-30', 1],
      ['vandaag', MONDAY, '2026-11-30', 1],
      ['tomorrow', '2026-12-31', '2027-01-01', 1],
      ['morgen', '2028-02-28', '2028-02-29', 1],
      ['Morgen', '2027-02-28', '2027-03-01', 1],
      ['overmorgen', MONDAY, '2026-12-02', 1],
      ['day after tomorrow', '2026-12-31', '2027-01-02', 3],
    ])('reads %j on %s', (text, today, date, next) => {
      expect(parse(text, today)).toEqual(day(date, text, next));
    });
  });

  describe('weekdays', () => {
    it.each([
      ['monday', '2026-12-07', 1],
      ['next monday', '2026-12-07', 2],
      ['Friday', '2026-12-04', 1],
      ['tuesday', '2026-12-01', 1],
      ['maandag', '2026-12-07', 1],
      ['volgende vrijdag', '2026-12-04', 2],
      ['aanstaande zondag', '2026-12-06', 2],
      ['komende woensdag', '2026-12-02', 2],
    ])('reads %j on a Monday as the first such day after today', (text, date, next) => {
      expect(parse(text)).toEqual(day(date, text, next));
    });

    it('crosses the year end', () => {
      // 2027-12-31 is a Friday.
      expect(parse('monday', '2027-12-31')).toEqual(day('2028-01-03', 'monday'));
      expect(parse('friday', '2027-12-31')).toEqual(day('2028-01-07', 'friday'));
    });
  });

  describe('times', () => {
    it.each([
      ['tomorrow 14:30', '14:30', 2],
      ['tomorrow at 9:05', '09:05', 3],
      ['morgen om 14.30 uur', '14:30', 4],
      ['tomorrow 0:00', '00:00', 2],
      ['tomorrow 23:59.', '23:59', 2],
    ])('reads %j', (text, time, next) => {
      expect(parse(text)).toEqual(day('2026-12-01', text, next, time));
    });

    it('leaves "at" to the reason when no time follows', () => {
      expect(parse('friday at the latest')).toEqual(day('2026-12-04', 'friday'));
    });

    it.each([
      ['tomorrow 24:00', '24:00'],
      ['tomorrow at 14:60', 'at 14:60'],
      ['morgen om 25.00 uur', 'om 25.00 uur'],
    ])('calls the time in %j impossible', (text, bad) => {
      expect(parse(text)).toEqual({ kind: 'bad', text: bad });
    });
  });

  it.each([['someday'], [''], ['next week'], ['14:30'], ['42'], ['dec']])('finds no date in %j', (text) => {
    expect(parse(text)).toEqual({ kind: 'none' });
  });
});

describe('startsDayOfMonth()', () => {
  it('is true only for a day number followed by a month name', () => {
    const tokens = tokenize('42 5 dec 43 dec5');
    expect([0, 1, 2, 3, 4].map((i) => startsDayOfMonth(tokens, i))).toEqual([false, true, false, false, false]);
  });
});
