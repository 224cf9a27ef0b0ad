/** Month names and common abbreviations, English and Dutch, to month number. */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ...names(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']),
  ...names(['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']),
  ...names(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']),
  ...names(['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']),
  ['sept', 9],
]);

/** Weekday names to ISO weekday (Monday 1 … Sunday 7), as luxon counts them. */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ...names(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
  ...names(['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag']),
]);

/** "next friday" means the same as "friday": the first one after today. */
export const NEXT_WORDS: ReadonlySet<string> = new Set(['next', 'coming', 'volgende', 'aanstaande', 'komende']);

/** Single words for a day relative to today, as a number of days. */
export const RELATIVE_DAYS: ReadonlyMap<string, number> = new Map([
  ['today', 0],
  ['vandaag', 0],
  ['tomorrow', 1],
  ['morgen', 1],
  ['overmorgen', 2],
]);

/** Words allowed before a time ("at 14:30", "om 14.30") and after it ("14:30 uur"). */
export const TIME_PREFIXES: ReadonlySet<string> = new Set(['at', 'om']);
export const TIME_SUFFIXES: ReadonlySet<string> = new Set(['uur']);

function names(list: string[]): Array<[string, number]> {
  return list.map((name, index) => [name, index + 1]);
}
