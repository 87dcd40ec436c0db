import { describe, expect, it } from 'vitest';
import { botTranslator } from './bot/bot-messages.js';
import { createTranslator } from './translator.js';
import { defineCatalogs } from './catalogs.js';
import { negotiateLocale } from './languages.js';
import { formatDateTime, formatNumber } from './format.js';
import { localeOfActivity, timeZoneOfActivity } from './activity-locale.js';

describe('negotiateLocale', () => {
  it('maps German tags of any region and case to German, keeping the region for formatting', () => {
    expect(negotiateLocale('de-DE')).toEqual({ language: 'de', locale: 'de-DE' });
    expect(negotiateLocale('de-at')).toEqual({ language: 'de', locale: 'de-AT' });
    expect(negotiateLocale('DE')).toEqual({ language: 'de', locale: 'de' });
    expect(negotiateLocale('de_CH')).toEqual({ language: 'de', locale: 'de-CH' });
  });

  it('answers English for unknown, unsupported, invalid or missing tags', () => {
    for (const tag of ['fr-FR', 'xx', 'not a tag!', '', undefined, null]) expect(negotiateLocale(tag).language, String(tag)).toBe('en');
    expect(negotiateLocale().locale).toBe('en-US');
    expect(negotiateLocale('en-GB')).toEqual({ language: 'en', locale: 'en-GB' });
  });

  it('takes the first candidate Herald speaks', () => {
    expect(negotiateLocale('fr-FR', 'de-AT', 'en-US').locale).toBe('de-AT');
    expect(negotiateLocale(undefined, 'en-GB', 'de-DE').language).toBe('en');
  });
});

describe('botTranslator', () => {
  it('formats the message of the negotiated language with its values', () => {
    expect(botTranslator('de-DE')('subscriptions.subscribed', { topic: 'builds' })).toBe('builds abonniert.');
    expect(botTranslator('en-US')('subscriptions.subscribed', { topic: 'builds' })).toBe('Subscribed to builds.');
    expect(botTranslator(undefined)('fallback.unknown', { command: 'frobnicate' })).toBe('Sorry, I don\'t know "frobnicate". Here\'s what I can do:');
  });

  it('leaves <placeholders> in messages as text', () => {
    expect(botTranslator('en')('subscriptions.none')).toBe("You're not subscribed to any topic. Try: subscribe <topic>");
  });

  it('names its language and locale', () => {
    const t = botTranslator('de-AT');
    expect([t.language, t.locale]).toEqual(['de', 'de-AT']);
  });

  it('plural and number arguments follow the locale', () => {
    const catalogs = defineCatalogs({ en: { count: '{n, plural, one {# topic} other {# topics}}' }, de: { count: '{n, plural, one {# Thema} other {# Themen}}' } });
    expect(createTranslator(catalogs, 'en')('count', { n: 1234 })).toBe('1,234 topics');
    expect(createTranslator(catalogs, 'de')('count', { n: 1234 })).toBe('1.234 Themen');
    expect(createTranslator(catalogs, 'de')('count', { n: 1 })).toBe('1 Thema');
  });
});

describe('formatting for the locale', () => {
  const at = new Date('2026-12-07T23:20:00Z');

  it('writes numbers as the locale does', () => {
    expect(formatNumber('en-US', 1234.5)).toBe('1,234.5');
    expect(formatNumber('de-DE', 1234.5)).toBe('1.234,5');
  });

  it('writes a moment in the locale and time zone, naming the zone; UTC when the zone is unknown', () => {
    expect(formatDateTime('en-US', at)).toBe('Dec 7, 2026, 11:20 PM UTC');
    expect(formatDateTime('de-DE', at, { timeZone: 'Europe/Berlin' })).toBe('08.12.2026, 00:20 MEZ');
    expect(formatDateTime('de-DE', at, { timeZone: 'Nowhere/Atlantis' })).toBe('07.12.2026, 23:20 UTC');
  });
});

describe('the locale of an activity', () => {
  const clientInfo = (locale: string, timezone?: string) => ({ type: 'clientInfo', locale, ...(timezone ? { timezone } : {}) });

  it('is its `locale`, else its clientInfo entity’s, else the fallback, else English', () => {
    expect(localeOfActivity({ locale: 'de-DE', entities: [clientInfo('en-US')] }).language).toBe('de');
    expect(localeOfActivity({ entities: [{ type: 'mention' }, clientInfo('de-AT')] }).locale).toBe('de-AT');
    expect(localeOfActivity({}, 'de-CH').locale).toBe('de-CH');
    expect(localeOfActivity({}).language).toBe('en');
  });

  it('tells the time zone the client reported', () => {
    expect(timeZoneOfActivity({ entities: [clientInfo('de-DE', 'Europe/Berlin')] })).toBe('Europe/Berlin');
    expect(timeZoneOfActivity({ entities: [] })).toBeUndefined();
  });
});
