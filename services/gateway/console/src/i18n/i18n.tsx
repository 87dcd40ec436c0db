import { IntlMessageFormat } from 'intl-messageformat';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import de from './catalogs/de.json';
import en from './catalogs/en.json';
import type { Language } from './locale.js';

export type MessageKey = keyof typeof en;
type Values = Record<string, string | number | Date | boolean>;

export const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, de };

export interface I18n {
  locale: string;
  language: Language;
  t: (key: MessageKey, values?: Values) => string;
  number: (value: number) => string;
  dateTime: (value: string | Date, options?: Intl.DateTimeFormatOptions) => string;
}

/** Formats the catalogs' ICU messages for one locale (each message compiled once). */
export function createI18n(locale: string, language: Language): I18n {
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const numbers = new Intl.NumberFormat(locale);
  return {
    locale,
    language,
    t: (key, values) => {
      let format = compiled.get(key);
      if (!format) {
        format = new IntlMessageFormat(CATALOGS[language][key] ?? CATALOGS.en[key] ?? key, locale);
        compiled.set(key, format);
      }
      return String(format.format(values));
    },
    number: (value) => numbers.format(value),
    dateTime: (value, options = { dateStyle: 'medium', timeStyle: 'short' }) => new Intl.DateTimeFormat(locale, options).format(typeof value === 'string' ? new Date(value) : value),
  };
}

const I18nContext = createContext<I18n>(createI18n('en-US', 'en'));

export function I18nProvider({ i18n, children }: { i18n: I18n; children: ReactNode }) {
  const value = useMemo(() => i18n, [i18n]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
