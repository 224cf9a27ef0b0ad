/**
 * A GUID in either of the forms DigiOffice (ServiceStack) and Entra accept: 32 hex digits, hyphenated or not, any
 * case. Inside the bot every GUID is kept in the one form `normaliseGuid` gives.
 */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;

/** The hyphenated lower-case form, e.g. `72f988bf-86f1-41af-91ab-2d7cd011db47`. Expects a GUID_PATTERN match. */
export function normaliseGuid(id: string): string {
  const hex = id.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
