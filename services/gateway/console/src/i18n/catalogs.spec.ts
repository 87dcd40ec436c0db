import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import de from './catalogs/de.json';
import en from './catalogs/en.json';
import { chooseLocale } from './locale.js';

const catalogs: Record<string, Record<string, string>> = { en, de };

/** The argument names a message uses (`{name}`, `{count, plural, …}`), nested ones too. */
function argumentsOf(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((element) => {
    if (element.type === TYPE.literal || element.type === TYPE.pound) return [];
    const own = 'value' in element && typeof element.value === 'string' ? [element.value] : [];
    const nested = 'options' in element ? Object.values(element.options).flatMap((option) => argumentsOf(option.value)) : [];
    return [...own, ...nested];
  });
}

describe('the console catalogs', () => {
  it('English and German have the same keys', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(catalogs))('every %s message is valid ICU MessageFormat, with the arguments the English one has', (language) => {
    for (const [key, message] of Object.entries(catalogs[language]!)) {
      const english = [...new Set(argumentsOf(parse(en[key as keyof typeof en])))].sort();
      expect([...new Set(argumentsOf(parse(message)))].sort(), `${language} ${key}`).toEqual(english);
    }
  });
});

describe('chooseLocale', () => {
  it("takes Teams' locale first, then the browser's languages, the first with a catalog", () => {
    expect(chooseLocale(['de-de', 'en-US'])).toEqual({ locale: 'de-DE', language: 'de' });
    expect(chooseLocale([undefined, 'fr-FR', 'de-AT', 'en'])).toEqual({ locale: 'de-AT', language: 'de' });
  });

  it('falls back to English', () => {
    expect(chooseLocale(['fr-FR', 'not a locale!'])).toEqual({ locale: 'en-US', language: 'en' });
    expect(chooseLocale([])).toEqual({ locale: 'en-US', language: 'en' });
  });
});
