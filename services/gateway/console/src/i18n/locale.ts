/** The languages the console has catalogs for; the first is the fallback. */
export const SUPPORTED_LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/**
 * The console's locale: Teams' (`app.locale`, e.g. `de-de`) inside Teams, else the browser's
 * preferred languages; the first one with a catalog wins. Numbers and dates are formatted for
 * the full locale (`de-AT`), texts come from its language's catalog.
 */
export function chooseLocale(candidates: readonly (string | undefined)[]): { locale: string; language: Language } {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const locale = canonical(candidate);
    const language = locale.split('-')[0]?.toLowerCase();
    const supported = SUPPORTED_LANGUAGES.find((known) => known === language);
    if (supported) return { locale, language: supported };
  }
  return { locale: 'en-US', language: 'en' };
}

function canonical(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}
