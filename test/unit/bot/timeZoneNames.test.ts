import { TimeZoneNames } from '../../../src/bot/timeZoneNames';
import { isValidTimeZone } from '../../../src/digioffice/dates';

describe('TimeZoneNames', () => {
  it('answers as isValidTimeZone, also for the same names asked again and past the names it remembers', () => {
    const zones = new TimeZoneNames();
    const names = ['Europe/Amsterdam', 'UTC', 'Asia/Kolkata', 'Mars/Olympus', '', 'europe/amsterdam', 'Europe/Amsterdam '];
    const variants = Array.from({ length: 1_100 }, (_, i) =>
      [...'america/argentina/buenos_aires'].map((c, j) => ((i >> (j % 11)) & 1 ? c.toUpperCase() : c)).join(''),
    );
    for (const name of [...names, ...variants, ...names, ...variants.slice(0, 50)]) {
      expect([name, zones.isValid(name)]).toEqual([name, isValidTimeZone(name)]);
    }
  });
});
