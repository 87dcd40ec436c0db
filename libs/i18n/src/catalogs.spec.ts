import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { BOT_CATALOGS } from './bot/bot-messages.js';
import type { Catalogs, Messages } from './catalogs.js';
import { LANGUAGES } from './languages.js';

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }>; children?: Element[] };
// The ICU AST's element types (@formatjs/icu-messageformat-parser TYPE).
const ARGUMENT = 1, NUMBER = 2, DATE = 3, TIME = 4, SELECT = 5, PLURAL = 6, TAG = 8;

/** Each `{argument}` of a message with the kind of value it takes. */
function argumentsOf(elements: Element[], found = new Map<string, 'text' | 'number' | 'date'>()) {
  for (const element of elements) {
    if (element.value !== undefined && [ARGUMENT, NUMBER, DATE, TIME, SELECT, PLURAL].includes(element.type)) {
      found.set(element.value, element.type === NUMBER || element.type === PLURAL ? 'number' : element.type === DATE || element.type === TIME ? 'date' : 'text');
    }
    for (const option of Object.values(element.options ?? {})) argumentsOf(option.value, found);
    if (element.type === TAG) argumentsOf(element.children ?? [], found);
  }
  return found;
}

const astOf = (message: string, locale: string) => new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as unknown as Element[];

/** Every feature's catalogs; a feature adding catalogs adds them here. */
const FEATURES: Record<string, Catalogs<Messages>> = { bot: BOT_CATALOGS };

describe.each(Object.entries(FEATURES))('the %s catalogs', (_feature, catalogs) => {
  const english = catalogs.en;

  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s has exactly the English keys', (language) => {
    expect(Object.keys(catalogs[language]).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(LANGUAGES)('every %s message parses, takes the English arguments and formats with sample values', (language) => {
    for (const [key, message] of Object.entries(catalogs[language])) {
      const expected = argumentsOf(astOf(english[key]!, 'en'));
      expect(argumentsOf(astOf(message, language)), `${language} ${key}`).toEqual(expected);
      const values = Object.fromEntries([...expected].map(([name, kind]) => [name, kind === 'number' ? 3 : kind === 'date' ? new Date('2026-12-07T23:20:00Z') : `«${name}»`]));
      const text = String(new IntlMessageFormat(message, language, undefined, { ignoreTag: true }).format(values));
      expect(text, `${language} ${key}: no argument left quoted`).not.toMatch(/[{}]/);
      for (const [name, kind] of expected) if (kind === 'text') expect(text, `${language} ${key} shows {${name}}`).toContain(`«${name}»`);
    }
  });
});
