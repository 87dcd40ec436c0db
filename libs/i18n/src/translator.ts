import { IntlMessageFormat } from 'intl-messageformat';
import type { Catalogs, Messages } from './catalogs.js';
import { negotiateLocale, type Language, type ResolvedLocale } from './languages.js';

/** Values a message's `{arguments}` take. */
export type MessageValues = Readonly<Record<string, string | number | Date | boolean>>;

/** A message of one language, by key; an unknown key is a compile error. */
export interface Translate<Key extends string> {
  (key: Key, values?: MessageValues): string;
  readonly language: Language;
  /** The locale numbers and dates are formatted for (e.g. `de-AT`). */
  readonly locale: string;
}

const compiled = new WeakMap<Messages, Map<string, IntlMessageFormat>>();

/**
 * The messages of `catalogs` in the language negotiated from `locale` (a BCP 47 tag, a
 * resolved locale, or nothing: English). Each message is parsed once per process. Tags
 * (`<b>`) are text: no message here is rich text, and `subscribe <topic>` stays as written.
 */
export function createTranslator<English extends Messages>(catalogs: Catalogs<English>, locale?: string | ResolvedLocale | null): Translate<keyof English & string> {
  const resolved = typeof locale === 'object' && locale !== null ? locale : negotiateLocale(locale);
  const messages: Messages = catalogs[resolved.language];
  const translate = (key: keyof English & string, values?: MessageValues): string => {
    const format = formatOf(messages, key, resolved.locale) ?? formatOf(catalogs.en, key, 'en-US');
    if (!format) return key;
    return String(format.format(values));
  };
  return Object.assign(translate, { language: resolved.language, locale: resolved.locale });
}

function formatOf(messages: Messages, key: string, locale: string): IntlMessageFormat | undefined {
  const source = messages[key];
  if (source === undefined) return undefined;
  let byKey = compiled.get(messages);
  if (!byKey) compiled.set(messages, (byKey = new Map<string, IntlMessageFormat>()));
  const cacheKey = `${locale}\u0000${key}`;
  let format = byKey.get(cacheKey);
  if (!format) byKey.set(cacheKey, (format = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true })));
  return format;
}
