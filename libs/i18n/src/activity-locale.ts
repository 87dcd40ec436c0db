import { negotiateLocale, type ResolvedLocale } from './languages.js';

/** The parts of a Bot Framework activity that tell the person's language and time zone. */
export interface LocaleSource {
  readonly locale?: string | undefined;
  readonly entities?: readonly unknown[] | undefined;
}

interface ClientInfo {
  readonly locale?: unknown;
  readonly timezone?: unknown;
}

function clientInfoOf(activity: LocaleSource): ClientInfo | undefined {
  return activity.entities?.find((entity): entity is ClientInfo => typeof entity === 'object' && entity !== null && (entity as { type?: unknown }).type === 'clientInfo');
}

/**
 * The language to answer an activity in: its `locale`, else its `clientInfo` entity's, else
 * `fallback` (e.g. the person's stored preference), else English.
 */
export function localeOfActivity(activity: LocaleSource, fallback?: string | null): ResolvedLocale {
  const clientLocale = clientInfoOf(activity)?.locale;
  return negotiateLocale(activity.locale, typeof clientLocale === 'string' ? clientLocale : undefined, fallback);
}

/** The IANA time zone the Teams client reported (`clientInfo.timezone`), if any. */
export function timeZoneOfActivity(activity: LocaleSource): string | undefined {
  const zone = clientInfoOf(activity)?.timezone;
  return typeof zone === 'string' && zone.length > 0 ? zone : undefined;
}
