import {
  formatDigiOfficeDate,
  InvalidWallClockError,
  isDigiOfficeDate,
  isValidTimeZone,
  isValidWallClockTime,
  parseDigiOfficeDate,
  parseDigiOfficeDateTime,
  wallClockToInstant,
} from '../../../src/digioffice/dates';

const AMS = 'Europe/Amsterdam';

function iso(date: Date): string {
  return date.toISOString();
}

function wallClockError(run: () => unknown): InvalidWallClockError {
  try {
    run();
  } catch (e) {
    if (e instanceof InvalidWallClockError) return e;
    throw e;
  }
  throw new Error('expected an InvalidWallClockError');
}

describe('parseDigiOfficeDate()', () => {
  it.each([
    ['7 fraction digits, winter (CET, +01:00)', '2026-12-04T17:00:00.1234567', '2026-12-04T16:00:00.123Z'],
    ['7 fraction digits, summer (CEST, +02:00)', '2026-07-01T09:30:00.0000000', '2026-07-01T07:30:00.000Z'],
    ['3 fraction digits', '2026-12-04T17:00:00.500', '2026-12-04T16:00:00.500Z'],
    ['1 fraction digit', '2026-12-04T17:00:00.5', '2026-12-04T16:00:00.500Z'],
    ['no fraction', '2026-12-04T17:00:00', '2026-12-04T16:00:00.000Z'],
    ['no seconds', '2026-12-04T17:00', '2026-12-04T16:00:00.000Z'],
    ['a date alone (midnight)', '2026-12-04', '2026-12-03T23:00:00.000Z'],
    ['surrounding whitespace', ' 2026-12-04T17:00:00.0000000 ', '2026-12-04T16:00:00.000Z'],
  ])('[inference] reads a zone-less value as wall-clock time in the DigiOffice zone: %s', (_, value, expected) => {
    expect(iso(parseDigiOfficeDate(value, AMS))).toBe(expected);
  });

  it.each([
    ['Z', '2026-12-04T17:00:00.1234567Z', '2026-12-04T17:00:00.123Z'],
    ['+01:00', '2026-12-04T17:00:00+01:00', '2026-12-04T16:00:00.000Z'],
    ['+0100', '2026-12-04T17:00:00.1234567+0100', '2026-12-04T16:00:00.123Z'],
    ['-05:00', '2026-12-04T12:00:00.000-05:00', '2026-12-04T17:00:00.000Z'],
  ])('takes an explicit offset (%s) as given, whatever the DigiOffice zone', (_, value, expected) => {
    expect(iso(parseDigiOfficeDate(value, 'Asia/Kolkata'))).toBe(expected);
  });

  it.each([
    ['/Date(1234567890000)/', '2009-02-13T23:31:30.000Z'],
    ['/Date(1234567890000+0100)/', '2009-02-13T23:31:30.000Z'],
    ['/Date(1234567890000-0500)/', '2009-02-13T23:31:30.000Z'],
    ['/Date(-86400000)/', '1969-12-31T00:00:00.000Z'],
  ])('reads ServiceStack %s as epoch milliseconds (the offset only names the sender zone)', (value, expected) => {
    expect(iso(parseDigiOfficeDate(value, AMS))).toBe(expected);
  });

  it('reads a zone-less time in the spring-forward gap as the moment the clocks jump (03:00 CEST)', () => {
    expect(iso(parseDigiOfficeDate('2026-03-29T02:30:00.0000000', AMS))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('reads a zone-less time in the repeated fall-back hour in the earlier, summer-time offset', () => {
    expect(iso(parseDigiOfficeDate('2026-10-25T02:30:00.0000000', AMS))).toBe('2026-10-25T00:30:00.000Z');
  });

  it.each([
    '',
    'tomorrow',
    '2026-02-30T10:00:00.0000000',
    '2026-13-01T10:00:00',
    '2026-12-04T24:00:00',
    '2026-12-04T17:60:00',
    '2026-12-04T17:00:00.12345678',
    '2026-12-04 17:00:00',
    '04-12-2026',
    '/Date(abc)/',
    '2026-12-04T17:00:00+25:00',
    '2026-02-30T17:00:00Z',
    '/Date(9999999999999999)/',
  ])('throws a RangeError naming the value for %p', (value) => {
    expect(() => parseDigiOfficeDate(value, AMS)).toThrow(RangeError);
    expect(() => parseDigiOfficeDate(value, AMS)).toThrow(`Not a valid DigiOffice date: "${value}"`);
  });

  it('throws for an unknown DigiOffice zone', () => {
    expect(() => parseDigiOfficeDate('2026-12-04T17:00:00', 'Mars/Olympus')).toThrow('Unknown time zone "Mars/Olympus"');
  });
});

describe('isDigiOfficeDate()', () => {
  const readsInUtc = (value: string) => {
    try {
      parseDigiOfficeDate(value, 'UTC');
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    '2026-12-04T17:00:00.1234567',
    ' 2026-12-04 ',
    '2026-03-29T02:30:00',
    '2026-12-04T17:00:00+01:00',
    '/Date(1234567890000)/',
    '0099-02-28T00:00',
    '2028-02-29T23:59:59.9',
    '2026-02-29T10:00',
    '2026-02-30T10:00:00.0000000',
    '2026-12-04T24:00:00',
    '2026-12-04T17:00:00+25:00',
    '/Date(9999999999999999)/',
    'tomorrow',
    '',
  ])('answers %p as parseDigiOfficeDate in UTC reads it', (value) => {
    expect(isDigiOfficeDate(value)).toBe(readsInUtc(value));
  });

  it('agrees with parseDigiOfficeDate in UTC on every zone-less date of four years', () => {
    for (let day = 0; day < 4 * 372; day++) {
      const year = 2026 + Math.floor(day / 372);
      const month = String(Math.floor((day % 372) / 31) + 1).padStart(2, '0');
      const date = String((day % 31) + 1).padStart(2, '0');
      const value = `${year}-${month}-${date}T12:00:00.0000000`;
      expect([value, isDigiOfficeDate(value)]).toEqual([value, readsInUtc(value)]);
    }
  });
});

describe('parseDigiOfficeDateTime()', () => {
  it("reads the gap and the repeated hour as parseDigiOfficeDate does, as a moment in DigiOffice's zone", () => {
    const read = (value: string) => {
      const moment = parseDigiOfficeDateTime(value, AMS);
      return [moment.toISO(), moment.zoneName];
    };
    expect(read('2026-03-29T02:30:00')).toEqual(['2026-03-29T03:00:00.000+02:00', AMS]);
    expect(read('2026-10-25T02:30:00.0000000')).toEqual(['2026-10-25T02:30:00.000+02:00', AMS]);
    expect(read('2026-10-25T03:30:00')).toEqual(['2026-10-25T03:30:00.000+01:00', AMS]);
    expect(read('2026-12-04T17:00:00Z')).toEqual(['2026-12-04T18:00:00.000+01:00', AMS]);
    expect(read('/Date(1796400000000)/')).toEqual(['2026-12-04T17:00:00.000+01:00', AMS]);
  });

  it.each(['Europe/Amsterdam', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Tehran', 'Africa/Casablanca', 'UTC'])(
    'agrees with parseDigiOfficeDate every quarter of an hour of 2026 in %s',
    (zone) => {
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 15 * 60_000) {
        const value = new Date(at).toISOString().slice(0, 19);
        const moment = parseDigiOfficeDateTime(value, zone);
        const expected = parseDigiOfficeDate(value, zone).getTime();
        if (moment.toMillis() !== expected || moment.zoneName !== zone) expect([value, moment.toISO()]).toEqual([value, expected]);
      }
    },
  );

  it('throws like parseDigiOfficeDate for a value that is no date and for an unknown zone', () => {
    expect(() => parseDigiOfficeDateTime('2026-02-30T10:00:00', AMS)).toThrow('Not a valid DigiOffice date: "2026-02-30T10:00:00"');
    expect(() => parseDigiOfficeDateTime('2026-12-04T17:00:00', 'Mars/Olympus')).toThrow('Unknown time zone "Mars/Olympus"');
  });
});

describe('formatDigiOfficeDate()', () => {
  it.each([
    ['winter', '2026-12-04T16:00:00.123Z', '2026-12-04T17:00:00.1230000'],
    ['summer', '2026-07-01T07:30:00.000Z', '2026-07-01T09:30:00.0000000'],
    ['the first 02:30 of the fall-back night', '2026-10-25T00:30:00.000Z', '2026-10-25T02:30:00.0000000'],
    ['the second 02:30 of the fall-back night', '2026-10-25T01:30:00.000Z', '2026-10-25T02:30:00.0000000'],
    ['the moment clocks spring forward', '2026-03-29T01:00:00.000Z', '2026-03-29T03:00:00.0000000'],
    ['a UTC midnight that is already the next day in Amsterdam', '2026-12-31T23:30:00.000Z', '2027-01-01T00:30:00.0000000'],
  ])('[inference] writes wall-clock time in the DigiOffice zone with 7 fraction digits: %s', (_, instant, expected) => {
    expect(formatDigiOfficeDate(new Date(instant), AMS)).toBe(expected);
  });

  it('writes other zones too', () => {
    expect(formatDigiOfficeDate(new Date('2026-12-04T16:00:00Z'), 'Asia/Kolkata')).toBe('2026-12-04T21:30:00.0000000');
  });

  it('round-trips with parseDigiOfficeDate outside the repeated hour', () => {
    const instant = new Date('2026-11-30T16:05:07.890Z');
    expect(iso(parseDigiOfficeDate(formatDigiOfficeDate(instant, AMS), AMS))).toBe('2026-11-30T16:05:07.890Z');
  });

  it('throws for an invalid Date and an unknown zone', () => {
    expect(() => formatDigiOfficeDate(new Date('nope'), AMS)).toThrow('Cannot format an invalid Date for DigiOffice');
    expect(() => formatDigiOfficeDate(new Date(), 'Nowhere/Land')).toThrow('Unknown time zone "Nowhere/Land"');
  });
});

describe('wallClockToInstant()', () => {
  it('reads date and time in the user zone', () => {
    expect(iso(wallClockToInstant('2026-12-04', '17:00', AMS))).toBe('2026-12-04T16:00:00.000Z');
    expect(iso(wallClockToInstant('2026-07-01', '17:00', AMS))).toBe('2026-07-01T15:00:00.000Z');
  });

  it('uses 08:00 when no time is given, or the given default', () => {
    expect(iso(wallClockToInstant('2026-12-04', null, AMS))).toBe('2026-12-04T07:00:00.000Z');
    expect(iso(wallClockToInstant('2026-12-04', null, AMS, '17:30'))).toBe('2026-12-04T16:30:00.000Z');
  });

  it('tolerates seconds and whitespace in the time', () => {
    expect(iso(wallClockToInstant(' 2026-12-04 ', ' 17:00:30 ', AMS))).toBe('2026-12-04T16:00:30.000Z');
  });

  it('moves a time in the spring-forward gap (2026-03-29 02:30 Amsterdam) to the first valid time, 03:00 CEST', () => {
    const instant = wallClockToInstant('2026-03-29', '02:30', AMS);
    expect(iso(instant)).toBe('2026-03-29T01:00:00.000Z');
    expect(formatDigiOfficeDate(instant, AMS)).toBe('2026-03-29T03:00:00.0000000');
  });

  it('moves 02:00 (the first missing minute) and 02:59 to 03:00 as well, and keeps 03:00 and 01:59', () => {
    expect(iso(wallClockToInstant('2026-03-29', '02:00', AMS))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(wallClockToInstant('2026-03-29', '02:59', AMS))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(wallClockToInstant('2026-03-29', '03:00', AMS))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(wallClockToInstant('2026-03-29', '01:59', AMS))).toBe('2026-03-29T00:59:00.000Z');
  });

  it('takes the earlier, summer-time offset for a time that happens twice (2026-10-25 02:30 Amsterdam)', () => {
    expect(iso(wallClockToInstant('2026-10-25', '02:30', AMS))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(wallClockToInstant('2026-10-25', '03:00', AMS))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('applies the same rules in other zones (US spring forward 2026-03-08, fall back 2026-11-01)', () => {
    expect(iso(wallClockToInstant('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(wallClockToInstant('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('converts a New York user to Amsterdam 6 h apart normally and 5 h apart while only the US is on summer time', () => {
    const ny = 'America/New_York';
    expect(formatDigiOfficeDate(wallClockToInstant('2026-03-06', '09:00', ny), AMS)).toBe('2026-03-06T15:00:00.0000000');
    expect(formatDigiOfficeDate(wallClockToInstant('2026-03-09', '09:00', ny), AMS)).toBe('2026-03-09T14:00:00.0000000');
    expect(formatDigiOfficeDate(wallClockToInstant('2026-03-28', '09:00', ny), AMS)).toBe('2026-03-28T14:00:00.0000000');
    expect(formatDigiOfficeDate(wallClockToInstant('2026-03-30', '09:00', ny), AMS)).toBe('2026-03-30T15:00:00.0000000');
    expect(formatDigiOfficeDate(wallClockToInstant('2026-10-24', '09:00', ny), AMS)).toBe('2026-10-24T15:00:00.0000000');
    expect(formatDigiOfficeDate(wallClockToInstant('2026-10-26', '09:00', ny), AMS)).toBe('2026-10-26T14:00:00.0000000');
    expect(formatDigiOfficeDate(wallClockToInstant('2026-11-02', '09:00', ny), AMS)).toBe('2026-11-02T15:00:00.0000000');
  });

  it('converts a Kolkata user (no DST) to Amsterdam 4.5 h apart in winter and 3.5 h in summer', () => {
    expect(formatDigiOfficeDate(wallClockToInstant('2026-01-15', '12:00', 'Asia/Kolkata'), AMS)).toBe('2026-01-15T07:30:00.0000000');
    expect(formatDigiOfficeDate(wallClockToInstant('2026-07-15', '12:00', 'Asia/Kolkata'), AMS)).toBe('2026-07-15T08:30:00.0000000');
  });

  it('converts a late-evening New York time to the next day in Amsterdam', () => {
    expect(formatDigiOfficeDate(wallClockToInstant('2026-12-31', '22:00', 'America/New_York'), AMS)).toBe('2027-01-01T04:00:00.0000000');
  });

  it.each([
    ['2026-02-30', '10:00', AMS, ['date']],
    ['2027-02-29', '10:00', AMS, ['date']],
    ['2026-13-01', null, AMS, ['date']],
    ['04-12-2026', '10:00', AMS, ['date']],
    ['2026-12-04T10:00', null, AMS, ['date']],
    ['', '10:00', AMS, ['date']],
    ['2026-12-04', '24:00', AMS, ['time']],
    ['2026-12-04', '10:60', AMS, ['time']],
    ['2026-12-04', '10am', AMS, ['time']],
    ['2026-12-04', '', AMS, ['time']],
    ['2026-12-04', '10:00', 'Europe/Atlantis', ['zone']],
    ['2026-02-30', '25:00', 'Europe/Atlantis', ['date', 'time', 'zone']],
  ])('rejects %p %p in %p, naming the wrong parts %p', (date, time, zone, parts) => {
    const error = wallClockError(() => wallClockToInstant(date, time, zone));
    expect(error.parts).toEqual(parts);
    expect(error.message).toMatch(/^Cannot read the date\/time: /);
  });

  it('accepts 29 February in a leap year', () => {
    expect(iso(wallClockToInstant('2028-02-29', '12:00', AMS))).toBe('2028-02-29T11:00:00.000Z');
  });
});

describe('isValidTimeZone() and isValidWallClockTime()', () => {
  it('tells known IANA zones and real times of day', () => {
    expect([AMS, 'America/New_York', 'UTC', 'Mars/Olympus', ''].map(isValidTimeZone)).toEqual([true, true, true, false, false]);
    expect(['00:00', '23:59', '08:30:15', '24:00', '8:30', 'noon'].map(isValidWallClockTime)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
