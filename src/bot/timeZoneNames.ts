import { isValidTimeZone } from '../digioffice/dates';

/** How many names it remembers: every IANA name fits; case variants (also valid) may not. */
const REMEMBERED_ZONES = 1_000;

/**
 * The check of the time zone Teams sends with every activity (`localTimezone`), remembering the names it found valid:
 * each fresh check builds an Intl.DateTimeFormat (a few percent of a card click). Bounded, since Intl also accepts any
 * upper/lower-case spelling of a name. One per bot, never shared between processes.
 */
export class TimeZoneNames {
  private readonly valid = new Set<string>();

  /** Whether `name` is an IANA zone name this runtime knows. */
  isValid(name: string): boolean {
    if (this.valid.has(name)) return true;
    if (!isValidTimeZone(name)) return false;
    if (this.valid.size < REMEMBERED_ZONES) this.valid.add(name);
    return true;
  }
}
