/**
 * Whether numeric dates such as `5/12` and `5-12-2026` put the day first for a user with this locale tag
 * (`en-US` → no, `en-GB`, `nl-NL`, `nl-BE` → yes). The order is the one the locale itself writes dates in, as the
 * platform's CLDR data knows it. Without a tag, or with one the platform does not know, the day comes first, as in
 * the Netherlands. Dates that start with a four-digit year are always year-month-day. `en_US` is read as `en-US`.
 */
export function dayFirst(localeTag: string | undefined): boolean {
  if (!localeTag) return true;
  let supported: string[];
  try {
    supported = Intl.DateTimeFormat.supportedLocalesOf([localeTag.replace(/_/g, '-')]);
  } catch {
    return true; // not a well-formed tag
  }
  if (supported.length === 0) return true;
  const parts = new Intl.DateTimeFormat(supported[0], { day: 'numeric', month: 'numeric' }).formatToParts(new Date(Date.UTC(2026, 11, 5)));
  const day = parts.findIndex((part) => part.type === 'day');
  const month = parts.findIndex((part) => part.type === 'month');
  return day < month;
}
