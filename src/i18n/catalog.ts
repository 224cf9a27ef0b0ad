/**
 * One area's strings in every language. `en` is the source: its keys and `{placeholders}` define the area, and the
 * compiler rejects an `nl` with a missing or extra key. Placeholders are compared by a unit test.
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

/** The `{name}` placeholders of a message, as a union of names (never when it has none). */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
