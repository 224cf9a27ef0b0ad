import { DateTime } from 'luxon';
import { readDeferDate, startsWithDayOfMonth, unreadDate, type DateReading } from '../../../src/commands/dates';

/** 2026-11-30 is a Monday. */
const MONDAY = '2026-11-30';

function reading(today = MONDAY, options: Partial<Omit<DateReading, 'now'>> & { time?: string } = {}): DateReading {
  const [hour, minute] = (options.time ?? '00:00').split(':').map(Number);
  return {
    now: DateTime.fromISO(today, { zone: 'utc' }).set({ hour, minute }),
    clockKnown: options.time !== undefined,
    dayFirst: options.dayFirst ?? true,
    language: options.language ?? 'en',
  };
}

function read(text: string, today = MONDAY, options: Parameters<typeof reading>[1] = {}): ReturnType<typeof readDeferDate> {
  return readDeferDate(text, reading(today, options));
}

function day(date: string, text: string, time: string | null = null, reason: string | null = null): ReturnType<typeof readDeferDate> {
  return { kind: 'date', until: { date, time }, text, reason };
}

describe('readDeferDate()', () => {
  describe('numeric dates', () => {
    it.each([
      ['2026-12-05', '2026-12-05'],
      ['2026/12/5', '2026-12-05'],
      ['5-12-2026', '2026-12-05'],
      ['05/12/2026', '2026-12-05'],
      ['5.12.2026', '2026-12-05'],
      ['29-02-2028', '2028-02-29'],
      ['2028-02-29', '2028-02-29'],
      ['5/12', '2026-12-05'],
      ['12/5', '2027-05-12'],
    ])('reads %j day first by default', (text, date) => {
      expect(read(text)).toEqual(day(date, text));
    });

    it.each([
      ['12/5', '2026-12-05'],
      ['12/5/2026', '2026-12-05'],
      ['12-5-2026', '2026-12-05'],
      ['2026-12-05', '2026-12-05'],
    ])('reads %j month first for a month-first locale', (text, date) => {
      expect(read(text, MONDAY, { dayFirst: false })).toEqual(day(date, text));
    });

    it.each([['2026-02-29'], ['29-02-2027'], ['31-11-2026'], ['2026-13-01'], ['0-12-2026'], ['2026-12-32']])(
      'does not read the impossible %j as a date',
      (text) => {
        expect(read(text)).toEqual({ kind: 'none' });
      },
    );
  });

  describe('dates with a month name', () => {
    it.each([
      ['5 Dec', '2026-12-05'],
      ['5 december 2027', '2027-12-05'],
      ['Dec 5, 2027', '2027-12-05'],
      ['December 5th', '2026-12-05'],
      ['1ste januari', '2027-01-01'],
      ['3 mrt 2027', '2027-03-03'],
      ['12 okt', '2027-10-12'],
      ['5 mei', '2027-05-05'],
      ['30 nov', '2026-11-30'],
    ])('reads %j', (text, date) => {
      expect(read(text)).toEqual(day(date, text));
    });

    it('leaves a comma not followed by a year to the reason', () => {
      expect(read('5 dec, supplier')).toEqual(day('2026-12-05', '5 dec', null, 'supplier'));
    });

    it('rolls a year-less date over the year end to its next occurrence', () => {
      expect(read('5 jan', '2026-12-30')).toEqual(day('2027-01-05', '5 jan'));
      expect(read('30 dec', '2026-12-30')).toEqual(day('2026-12-30', '30 dec'));
      expect(read('29 dec', '2026-12-30')).toEqual(day('2027-12-29', '29 dec'));
    });

    it.each([['31 nov'], ['30 feb 2028'], ['0 jan'], ['december'], ['dec']])('does not read %j as a day', (text) => {
      expect(read(text)).toEqual({ kind: 'none' });
    });
  });

  describe('relative days', () => {
    it.each([
      ['today', MONDAY, '2026-11-30'],
      ['vandaag', MONDAY, '2026-11-30'],
      ['tomorrow', '2026-12-31', '2027-01-01'],
      ['morgen', '2028-02-28', '2028-02-29'],
      ['Morgen', '2027-02-28', '2027-03-01'],
      ['overmorgen', MONDAY, '2026-12-02'],
      ['day after tomorrow', '2026-12-31', '2027-01-02'],
      ['the day after tomorrow', MONDAY, '2026-12-02'],
      ['next week', MONDAY, '2026-12-07'],
      ['next week', '2026-12-03', '2026-12-10'],
      ['volgende week', '2026-12-03', '2026-12-10'],
      ['in 3 days', MONDAY, '2026-12-03'],
      ['over 3 dagen', '2026-12-31', '2027-01-03'],
      ['in 2 weeks', MONDAY, '2026-12-14'],
      ['over 2 weken', MONDAY, '2026-12-14'],
      ['over een week', MONDAY, '2026-12-07'],
      ['next month', MONDAY, '2026-12-30'],
    ])('reads %j on %s', (text, today, date) => {
      expect(read(text, today)).toEqual(day(date, text));
    });
  });

  describe('weekdays', () => {
    it.each([
      ['monday', '2026-12-07'],
      ['next monday', '2026-12-07'],
      ['Friday', '2026-12-04'],
      ['tuesday', '2026-12-01'],
      ['next friday', '2026-12-04'],
      ['coming friday', '2026-12-04'],
      ['maandag', '2026-12-07'],
      ['volgende vrijdag', '2026-12-04'],
      ['aanstaande zondag', '2026-12-06'],
      ['komende woensdag', '2026-12-02'],
    ])('reads %j on a Monday as the first such day after today', (text, date) => {
      expect(read(text)).toEqual(day(date, text));
    });

    it.each([
      ['volgende week dinsdag', MONDAY, '2026-12-08'],
      ['volgende week dinsdag', '2026-12-03', '2026-12-08'],
      ['next week friday', MONDAY, '2026-12-11'],
      ['friday next week', MONDAY, '2026-12-11'],
      ['next week monday', '2026-12-05', '2026-12-07'],
    ])('reads %j on %s as that day of next week', (text, today, date) => {
      expect(read(text, today)).toEqual(day(date, text));
    });

    it('crosses the year end', () => {
      // 2027-12-31 is a Friday.
      expect(read('monday', '2027-12-31')).toEqual(day('2028-01-03', 'monday'));
      expect(read('friday', '2027-12-31')).toEqual(day('2028-01-07', 'friday'));
    });
  });

  describe('times', () => {
    it.each([
      ['tomorrow 14:30', '2026-12-01', '14:30'],
      ['tomorrow at 9:05', '2026-12-01', '09:05'],
      ['morgen om 14.30 uur', '2026-12-01', '14:30'],
      ['tomorrow 0:00', '2026-12-01', '00:00'],
      ['monday 9am', '2026-12-07', '09:00'],
      ['morgen 9 uur', '2026-12-01', '09:00'],
      ['morgen om half 10', '2026-12-01', '09:30'],
      ['morgen kwart over 9', '2026-12-01', '09:15'],
      ['morgen om kwart voor 5', '2026-12-01', '04:45'],
      ['overmorgen om 9 uur', '2026-12-02', '09:00'],
      ['day after tomorrow at 9', '2026-12-02', '09:00'],
      ['2026-12-05 at 9:00', '2026-12-05', '09:00'],
      ['volgende week vrijdag om 10 uur', '2026-12-11', '10:00'],
      ['in 3 days at 14:30', '2026-12-03', '14:30'],
      ['tomorrow noon', '2026-12-01', '12:00'],
    ])('reads %j', (text, date, time) => {
      expect(read(text)).toEqual(day(date, text, time));
    });

    it('ends the date at sentence punctuation', () => {
      expect(read('tomorrow 23:59.')).toEqual(day('2026-12-01', 'tomorrow 23:59', '23:59'));
    });

    it('reads a time without a day as its next occurrence when the clock is known', () => {
      expect(read('14:30', MONDAY, { time: '10:00' })).toEqual(day('2026-11-30', '14:30', '14:30'));
      expect(read('14:30', MONDAY, { time: '15:00' })).toEqual(day('2026-12-01', '14:30', '14:30'));
      expect(read('9am', '2026-12-31', { time: '10:00' })).toEqual(day('2027-01-01', '9am', '09:00'));
      expect(read('14:30')).toEqual(day('2026-11-30', '14:30', '14:30'));
    });

    it('counts "in 3 hours" from the clock, and refuses it when the clock is not known', () => {
      expect(read('in 3 hours', MONDAY, { time: '22:30' })).toEqual(day('2026-12-01', 'in 3 hours', '01:30'));
      expect(read('in 3 hours')).toEqual({ kind: 'none' });
    });

    it('leaves "at" to the reason when no time follows', () => {
      expect(read('friday at the latest')).toEqual(day('2026-12-04', 'friday', null, 'at the latest'));
    });

    it.each([
      ['tomorrow 24:00', 'none'],
      ['tomorrow at 14:60', 'tomorrow at 14:60'],
      ['morgen om 25.00 uur', 'morgen om 25.00'],
      ['friday 25:00 waiting', 'friday 25:00'],
      ['tomorrow 9:00u', 'tomorrow 9:00u'],
      ['morgen 9 wacht', 'morgen 9'],
      ['tomorrow 2 invoices missing', 'tomorrow 2'],
      ['friday monday', 'friday monday'],
    ])('does not fold the rest of %j into the reason', (text, bad) => {
      expect(read(text)).toEqual(bad === 'none' ? { kind: 'none' } : { kind: 'bad', text: bad });
    });
  });

  describe('the reason', () => {
    it.each([
      ['monday 9am waiting', day('2026-12-07', 'monday 9am', '09:00', 'waiting')],
      ['tomorrow: 2 invoices missing', day('2026-12-01', 'tomorrow', null, '2 invoices missing')],
      ['next monday - on holiday', day('2026-12-07', 'next monday', null, 'on holiday')],
      ['Dec 5, 2027, audit', day('2027-12-05', 'Dec 5, 2027', null, 'audit')],
      ['morgen om 14.30 uur Wacht op Piet', day('2026-12-01', 'morgen om 14.30 uur', '14:30', 'Wacht op Piet')],
      ['vrijdag 9:00 uur wacht op Jan', day('2026-12-04', 'vrijdag 9:00 uur', '09:00', 'wacht op Jan')],
      ['tomorrow\nSupplier is late.\nJan', day('2026-12-01', 'tomorrow', null, 'Supplier is late.\nJan')],
      ['tomorrow:', day('2026-12-01', 'tomorrow', null, null)],
    ])('%j', (text, expected) => {
      expect(read(text)).toEqual(expected);
    });
  });

  it.each([['someday'], [''], ['42'], ['blursday waiting'], ['13'], ['waiting for supplier']])('finds no date in %j', (text) => {
    expect(read(text)).toEqual({ kind: 'none' });
  });
});

describe('startsWithDayOfMonth()', () => {
  it.each([
    ['5 dec', true],
    ['13 december 2027 waiting', true],
    ['1 januari', true],
    ['9 uur', false],
    ['9 am', false],
    ['13 until 14 dec', false],
    ['13 tomorrow', false],
    ['1 tomorrow', false],
    ['42', false],
    ['43 approve', false],
    ['43 jan', false],
    ['5', false],
    ['dec5', false],
  ])('%j → %s', (text, expected) => {
    expect(startsWithDayOfMonth(text, reading())).toBe(expected);
  });
});

describe('unreadDate()', () => {
  it.each([
    ['blursday', 'blursday'],
    ['blursday waiting', 'blursday waiting'],
    ['next blursday waiting for supplier', 'next blursday waiting…'],
    ['31 Nov: supplier', '31 Nov'],
    ['soon - supplier', 'soon'],
    ['later\nsupplier', 'later'],
  ])('quotes %j as %j', (text, quoted) => {
    expect(unreadDate(text)).toBe(quoted);
  });
});
