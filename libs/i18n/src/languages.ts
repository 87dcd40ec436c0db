/** The languages Herald speaks; English is the default and the reference catalog. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** The locale Herald formats numbers and dates in for a language it has no region for. */
const DEFAULT_REGION: Readonly<Record<Language, string>> = { en: 'en-US', de: 'de-DE' };

/** A negotiated locale: the catalog's language, and the tag numbers and dates are formatted for. */
export interface ResolvedLocale {
  readonly language: Language;
  /** The BCP 47 tag asked for (canonical), e.g. `de-AT`; the language's own when none fitted. */
  readonly locale: string;
}

/**
 * The first candidate Herald speaks, case-insensitively (`de-DE`, `de-at`, `DE` → German);
 * `_` is read as `-` (`de_DE`). Candidates that are not language tags are skipped; none fitting
 * → English (en-US).
 */
export function negotiateLocale(...candidates: readonly (string | null | undefined)[]): ResolvedLocale {
  for (const candidate of candidates) {
    const locale = canonical(candidate);
    const language = locale?.split('-')[0]?.toLowerCase();
    if (locale && isLanguage(language)) return { language, locale };
  }
  return { language: DEFAULT_LANGUAGE, locale: DEFAULT_REGION[DEFAULT_LANGUAGE] };
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function canonical(tag: string | null | undefined): string | undefined {
  const trimmed = tag?.trim().replaceAll('_', '-');
  if (!trimmed) return undefined;
  try {
    return Intl.getCanonicalLocales(trimmed)[0];
  } catch {
    return undefined;
  }
}
