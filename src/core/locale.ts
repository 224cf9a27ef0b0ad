/** The languages the product speaks. */
export const LOCALES = ['en', 'nl'] as const;

export type Locale = (typeof LOCALES)[number];
