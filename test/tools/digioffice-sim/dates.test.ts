import { formatInstant, parseDigiOfficeDate } from '../../../tools/digioffice-sim/dates';

describe('DigiOffice simulator dates', () => {
  it('writes instants as Amsterdam wall-clock time with 7 fractional digits, across the switch to summer time', () => {
    expect(formatInstant(Date.parse('2027-03-28T00:59:59.999Z'))).toBe('2027-03-28T01:59:59.9990000');
    expect(formatInstant(Date.parse('2027-03-28T01:00:00.000Z'))).toBe('2027-03-28T03:00:00.0000000');
  });

  it('reads zone-less text as Amsterdam wall-clock time in winter and summer', () => {
    expect(parseDigiOfficeDate('2026-12-05T09:30:00.0000000')).toEqual({
      wall: '2026-12-05T09:30:00.0000000',
      epochMs: Date.parse('2026-12-05T08:30:00Z'),
    });
    expect(parseDigiOfficeDate('2027-06-01T09:30:00.0000000')).toEqual({
      wall: '2027-06-01T09:30:00.0000000',
      epochMs: Date.parse('2027-06-01T07:30:00Z'),
    });
  });

  it('reads a date without time as midnight', () => {
    expect(parseDigiOfficeDate('2026-12-05')).toEqual({ wall: '2026-12-05T00:00:00.0000000', epochMs: Date.parse('2026-12-04T23:00:00Z') });
  });

  it.each(['2026-13-01T00:00:00', '2026-12-05T09:60:00', '/Date(abc)/', '2026-12-05 09:30:00', '2026-12-05T09:30:00+25:00'])(
    'rejects %s',
    (text) => {
      expect(parseDigiOfficeDate(text)).toBeNull();
    },
  );
});
