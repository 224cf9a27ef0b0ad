/**
 * One area's strings in every language, as ICU MessageFormat: `{name}` fills in a value, and
 * `{count, plural, one {…} other {…}}` picks the plural form of the language (`#` is the number). `en` is the
 * source: its keys and arguments define the area, and the compiler rejects an `nl` with a missing or extra key.
 * Arguments are compared per language by a unit test (test/unit/i18n/catalogue.test.ts).
 */
export interface Area<E extends Record<string, string>> {
  en: E;
  nl: { readonly [K in keyof E]: string };
}

export function defineArea<const E extends Record<string, string>>(area: {
  en: E;
  nl: NoInfer<{ readonly [K in keyof E]: string }>;
}): Area<E> {
  return area;
}

/**
 * The argument names of a message as a union (never when it has none): `{name}`, the `count` of
 * `{count, plural, …}`, and the arguments nested inside plural or select options.
 */
export type Placeholders<S extends string> = S extends `${string}{${infer After}` ? ArgumentName<After> | Placeholders<After> : never;

/** What follows a `{`: an argument's name up to `}` or `,`; option texts such as `{# tasks}` are no argument. */
type ArgumentName<After extends string> = After extends `${infer Head}}${string}`
  ? Identifier<Head extends `${infer Name},${string}` ? Name : Head>
  : never;

type Identifier<Name extends string> = Name extends '' ? never : Name extends `${string}${' ' | '#' | '{' | "'"}${string}` ? never : Name;
