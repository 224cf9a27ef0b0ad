import { DateTime, FixedOffsetZone } from 'luxon';

/**
 * DigiOffice timestamps on the wire (docs/digioffice-contract.md): `yyyy-MM-ddTHH:mm:ss.fffffff` without a zone, meaning
 * wall-clock time in the server's zone. Inbound, ServiceStack also accepts ISO with `Z`/offset and `/Date(…)/`.
 */
export const DIGIOFFICE_ZONE = 'Europe/Amsterdam';

/** A parsed DigiOffice date: the wall-clock text DigiOffice stores and writes back, and the instant it means. */
export interface SimDate {
  wall: string;
  epochMs: number;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/;
const ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:?\d{2})$/i;
const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/** Parses any inbound date form; `null` when ServiceStack would fail to bind it. */
export function parseDigiOfficeDate(text: string): SimDate | null {
  const trimmed = text.trim();
  const msDate = MS_DATE.exec(trimmed);
  // In `/Date(ms±hhmm)/` the milliseconds are UTC epoch; the offset only says the value was local time.
  if (msDate) return fromEpoch(Number(msDate[1]));
  const zoned = ZONED.exec(trimmed);
  if (zoned) return parseZoned(zoned);
  const local = LOCAL.exec(trimmed);
  if (local) return parseLocal(local);
  return null;
}

/** The wall-clock text DigiOffice would write for an instant. */
export function formatInstant(epochMs: number): string {
  const dt = DateTime.fromMillis(epochMs, { zone: DIGIOFFICE_ZONE });
  return `${dt.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}0000`;
}

/** The instant a zone-less DigiOffice wall-clock text means (used for seed data, which is always valid). */
export function wallToEpoch(wall: string): number {
  const parsed = parseDigiOfficeDate(wall);
  if (!parsed) throw new Error(`not a DigiOffice date: ${wall}`);
  return parsed.epochMs;
}

function fromEpoch(epochMs: number): SimDate | null {
  if (!Number.isFinite(epochMs) || !DateTime.fromMillis(epochMs).isValid) return null;
  return { wall: formatInstant(epochMs), epochMs };
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
}

function partsOf(match: RegExpExecArray): Parts {
  return {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4] ?? '0'),
    minute: Number(match[5] ?? '0'),
    second: Number(match[6] ?? '0'),
    fraction: (match[7] ?? '').padEnd(7, '0'),
  };
}

function toDateTime(parts: Parts, zone: string | FixedOffsetZone): DateTime | null {
  const { year, month, day, hour, minute, second, fraction } = parts;
  const millisecond = Number(fraction.slice(0, 3));
  const dt = DateTime.fromObject({ year, month, day, hour, minute, second, millisecond }, { zone });
  // Luxon rolls 2026-02-30 over or rejects it depending on the field; compare the date fields to be sure.
  if (!dt.isValid || dt.year !== year || dt.month !== month || dt.day !== day || hour > 23) return null;
  return dt;
}

function parseLocal(match: RegExpExecArray): SimDate | null {
  const parts = partsOf(match);
  const dt = toDateTime(parts, DIGIOFFICE_ZONE);
  if (!dt) return null;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  // The wall text keeps what was sent (all 7 fractional digits), as a .NET DateTime of kind Unspecified would.
  const wall = `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}T${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}.${parts.fraction}`;
  return { wall, epochMs: dt.toMillis() };
}

function parseZoned(match: RegExpExecArray): SimDate | null {
  const suffix = (match[8] ?? 'Z').toUpperCase();
  let zone: FixedOffsetZone = FixedOffsetZone.utcInstance;
  if (suffix !== 'Z') {
    const digits = suffix.replace(':', '');
    const [hours, minutes] = [Number(digits.slice(1, 3)), Number(digits.slice(3, 5))];
    if (hours > 14 || minutes > 59) return null;
    zone = FixedOffsetZone.instance((hours * 60 + minutes) * (digits.startsWith('-') ? -1 : 1));
  }
  const dt = toDateTime(partsOf(match), zone);
  return dt ? fromEpoch(dt.toMillis()) : null;
}
