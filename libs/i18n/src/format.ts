import { negotiateLocale, type ResolvedLocale } from './languages.js';

type Locale = string | ResolvedLocale | null | undefined;

const tagOf = (locale: Locale) => (typeof locale === 'object' && locale !== null ? locale : negotiateLocale(locale)).locale;

/** A number as the locale writes it: `1,234.5` (en), `1.234,5` (de). */
export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(tagOf(locale), options).format(value);
}

/**
 * A moment as the locale writes it, in `timeZone` (IANA) when it is a valid one, else UTC, with
 * the zone's short name: `Dec 7, 2026, 11:20 PM UTC` (en), `07.12.2026, 23:20 UTC` (de).
 */
export function formatDateTime(locale: Locale, at: Date, options: { timeZone?: string | undefined } = {}): string {
  const timeZone = validTimeZone(options.timeZone) ?? 'UTC';
  return new Intl.DateTimeFormat(tagOf(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at) + zoneSuffix(tagOf(locale), at, timeZone);
}

function zoneSuffix(locale: string, at: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  return name ? ` ${name}` : '';
}

function validTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}
