import { DateTime, IANAZone } from 'luxon';

/**
 * DigiOffice timestamps (docs/digioffice-contract.md): `yyyy-MM-ddTHH:mm:ss.fffffff` without an offset, meaning wall-clock time in
 * DigiOffice's zone (`DIGIOFFICE_TIMEZONE`). Inbound we also accept ISO with `Z`/offset and ServiceStack's `/Date(…)/`.
 *
 * Local times that a daylight-saving change makes special are resolved the same way everywhere in this file:
 * - a time that does not exist (spring forward, e.g. 02:30 on 2026-03-29 in Europe/Amsterdam) becomes the first valid
 *   time after the gap, the moment the clocks jump (03:00 CEST) — not luxon's "shift by the gap length" (03:30);
 * - a time that exists twice (fall back, e.g. 02:30 on 2026-10-25) is the first of the two, in the earlier
 *   (summer-time) offset.
 */

/** Which part of a wall-clock input was wrong. */
export type WallClockPart = 'date' | 'time' | 'zone';

/** A user's date/time input (or zone) that cannot be turned into an instant; `parts` lists every part that is wrong. */
export class InvalidWallClockError extends Error {
  constructor(
    readonly parts: WallClockPart[],
    message: string,
  ) {
    super(message);
    this.name = 'InvalidWallClockError';
  }
}

interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const ZONELESS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;
const MAX_OFFSET_MINUTES = 14 * 60;
// ServiceStack's WCF-style date: milliseconds since the epoch (UTC); the optional offset only tells the sender's zone.
const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
const USER_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const USER_TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether `zone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** A DigiOffice timestamp as an instant. Throws a RangeError naming the value when it is none of the accepted forms. */
export function parseDigiOfficeDate(value: string, digiOfficeZone: string): Date {
  const text = value.trim();
  const ms = MS_DATE.exec(text);
  const epoch = ms ? new Date(Number(ms[1])) : null;
  if (epoch && !Number.isNaN(epoch.getTime())) return epoch;
  if (epoch) throw new RangeError(`Not a valid DigiOffice date: "${value}" (out of range)`);
  const withOffset = WITH_OFFSET.exec(text);
  if (withOffset) {
    const parsed = DateTime.fromISO(text, { setZone: true });
    const offsetMinutes = Number(withOffset[1] ?? 0) * 60 + Number(withOffset[2] ?? 0);
    if (parsed.isValid && offsetMinutes <= MAX_OFFSET_MINUTES && Number(withOffset[2] ?? 0) < 60) return parsed.toJSDate();
    throw new RangeError(`Not a valid DigiOffice date: "${value}" (${parsed.invalidExplanation ?? 'offset out of range'})`);
  }
  const local = ZONELESS.exec(text);
  const fields = local ? fieldsOf(local) : null;
  if (!fields || !fieldsAreValid(fields)) {
    throw new RangeError(
      `Not a valid DigiOffice date: "${value}" (expected yyyy-MM-ddTHH:mm:ss.fffffff, ISO with an offset or /Date(ms)/)`,
    );
  }
  return new Date(localToEpoch(fields, zoneOf(digiOfficeZone)));
}

/**
 * A DigiOffice timestamp as a moment in DigiOffice's zone, for showing it: what `parseDigiOfficeDate` reads. For a
 * zone-less value the moment's own offset confirms the guess (`placeLocal`), so the zone is asked no more often than
 * `parseDigiOfficeDate` asks it. Throws like `parseDigiOfficeDate`.
 */
export function parseDigiOfficeDateTime(value: string, digiOfficeZone: string): DateTime {
  const zone = zoneOf(digiOfficeZone);
  const local = ZONELESS.exec(value.trim());
  const fields = local ? fieldsOf(local) : null;
  if (!fields || !fieldsAreValid(fields)) return DateTime.fromJSDate(parseDigiOfficeDate(value, digiOfficeZone), { zone: digiOfficeZone });
  // By name, as `DateTime.fromJSDate(instant, { zone: digiOfficeZone })` would: "UTC" is then luxon's UTC.
  return placeLocal(fields, zone, (epoch) => DateTime.fromMillis(epoch, { zone: digiOfficeZone }));
}

/**
 * Whether `parseDigiOfficeDate` reads `value` in UTC, checked without its zone arithmetic: a zone-less value needs
 * only real fields (luxon's offset look-ups are most of the time a webhook spends on a notification's dates).
 */
export function isDigiOfficeDate(value: string): boolean {
  const local = ZONELESS.exec(value.trim());
  if (local) return fieldsAreValid(fieldsOf(local));
  try {
    parseDigiOfficeDate(value, 'UTC');
    return true;
  } catch {
    return false;
  }
}

/** An instant as DigiOffice writes it: wall-clock in `digiOfficeZone`, 7 fraction digits, no offset. */
export function formatDigiOfficeDate(instant: Date, digiOfficeZone: string): string {
  const zone = zoneOf(digiOfficeZone);
  if (Number.isNaN(instant.getTime())) throw new RangeError('Cannot format an invalid Date for DigiOffice');
  // JS dates have millisecond precision: the last four of .NET's seven fraction digits are always zero.
  return DateTime.fromMillis(instant.getTime(), { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'0000'");
}

/**
 * The instant a user means with an Input.Date (`YYYY-MM-DD`) and optional Input.Time (`HH:mm`, `HH:mm:ss` tolerated)
 * in their IANA zone; without a time, `defaultTime`. DST gaps and overlaps resolve as described at the top of this file.
 * Throws InvalidWallClockError naming the part that is wrong.
 */
export function wallClockToInstant(date: string, time: string | null, userZone: string, defaultTime = '08:00'): Date {
  const timeText = time ?? defaultTime;
  const d = USER_DATE.exec(date.trim());
  const day: LocalFields | null = d
    ? { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: 0, minute: 0, second: 0, millisecond: 0 }
    : null;
  const clock = parseWallClockTime(timeText);
  const problems: Array<[WallClockPart, string]> = [];
  if (!day || !fieldsAreValid(day)) problems.push(['date', `not a valid date: "${date}" (expected YYYY-MM-DD)`]);
  if (!clock) problems.push(['time', `not a valid time: "${timeText}" (expected HH:mm)`]);
  if (!isValidTimeZone(userZone)) problems.push(['zone', `unknown time zone "${userZone}"`]);
  if (!day || !clock || problems.length > 0) {
    throw new InvalidWallClockError(
      problems.map(([part]) => part),
      `Cannot read the date/time: ${problems.map(([, why]) => why).join('; ')}`,
    );
  }
  return new Date(localToEpoch({ ...day, ...clock }, IANAZone.create(userZone)));
}

/** Whether `time` is an Input.Time value (`HH:mm`, `HH:mm:ss` tolerated) of a real time of day. */
export function isValidWallClockTime(time: string): boolean {
  return parseWallClockTime(time) !== null;
}

function parseWallClockTime(time: string): Pick<LocalFields, 'hour' | 'minute' | 'second'> | null {
  const t = USER_TIME.exec(time.trim());
  if (!t) return null;
  const clock = { hour: Number(t[1]), minute: Number(t[2]), second: Number(t[3] ?? 0) };
  return clock.hour <= 23 && clock.minute <= 59 && clock.second <= 59 ? clock : null;
}

/**
 * luxon keeps one IANAZone per name and checks the name once, when it makes it; `isValidTimeZone` builds a new
 * Intl.DateTimeFormat on every call, which made up a third of rendering a card. Only for zones the bot is configured
 * with (DIGIOFFICE_TIMEZONE, checked at start): luxon never forgets a zone it made, so names from outside go through
 * `isValidTimeZone`.
 */
function zoneOf(name: string): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new RangeError(`Unknown time zone "${name}"`);
  return zone;
}

function fieldsOf(match: RegExpExecArray): LocalFields {
  const fraction = (match[7] ?? '').padEnd(3, '0').slice(0, 3);
  return {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4] ?? 0),
    minute: Number(match[5] ?? 0),
    second: Number(match[6] ?? 0),
    millisecond: Number(fraction),
  };
}

/** The fields read as if they were UTC; `Date.UTC` would map years 0–99 to 1900–1999. */
function asUtc(f: LocalFields): number {
  const d = new Date(0);
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.minute, f.second, f.millisecond);
  return d.getTime();
}

function fieldsAreValid(f: LocalFields): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.hour > 23 || f.minute > 59 || f.second > 59) return false;
  // A day past the end of the month (2026-02-30) rolls over into the next month.
  return new Date(asUtc(f)).getUTCDate() === f.day;
}

/** The instant of a wall-clock time in `zone`, as epoch milliseconds (see `placeLocal`). */
function localToEpoch(fields: LocalFields, zone: IANAZone): number {
  return placeLocal(fields, zone, (epoch) => ({ epoch, offset: zone.offset(epoch) })).epoch;
}

/**
 * A wall-clock time in `zone`, as what `at` makes of its instant (`at` tells the zone's offset at that instant). The
 * offset a day before is the answer unless the clocks change within that day; the offset `at` tells at the instant it
 * gives confirms it (then it is also the earlier reading of an overlap, which is in the earlier, summer-time offset).
 * Asking the zone for an offset is most of the cost of reading a date.
 */
function placeLocal<T extends { offset: number }>(fields: LocalFields, zone: IANAZone, at: (epoch: number) => T): T {
  const wall = asUtc(fields);
  const before = zone.offset(wall - DAY_MS);
  const guess = at(wall - before * 60_000);
  return guess.offset === before ? guess : at(nearOffsetChange(wall, before, zone));
}

/**
 * `placeLocal` when the offset a day before does not hold at `wall`: the offset a day after does (the clocks went
 * back and `wall` is past the overlap, or forward and it is past the gap), or `wall` is in a gap and becomes the
 * moment the clocks jumped. Assumes no zone changes its offset three times within two days.
 */
function nearOffsetChange(wall: number, before: number, zone: IANAZone): number {
  const after = zone.offset(wall + DAY_MS);
  if (zone.offset(wall - after * 60_000) === after) return wall - after * 60_000;
  if (after <= before) throw new RangeError(`Cannot place ${DateTime.fromMillis(wall, { zone: 'utc' }).toISO()} in ${zone.name}`);
  return transitionBetween(wall - after * 60_000, wall - before * 60_000, after, zone);
}

/** The first instant in [from, to] at which `zone` uses `offset`: the moment the clocks jumped over the gap. */
function transitionBetween(from: number, to: number, offset: number, zone: IANAZone): number {
  let low = from;
  let high = to;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (zone.offset(mid) === offset) high = mid;
    else low = mid;
  }
  return zone.offset(low) === offset ? low : high;
}
