import { describe, expect, it } from 'vitest';
import { botTranslator } from '@herald/i18n';
import { oauthCard } from '../signin/oauth-card.js';
import { settingsCard } from './settings-card.js';
import { initialState } from './user-preferences.js';

const preferences = { ...initialState(), topics: { deploys: { subscribed: true, delivery: 'daily' as const } } };
/** Every text a person reads on a card: texts, titles, labels, placeholders and choice titles. */
const readable = (card: unknown): string[] => {
  if (Array.isArray(card)) return card.flatMap(readable);
  if (typeof card !== 'object' || card === null) return [];
  return Object.entries(card).flatMap(([key, value]) => (['text', 'title', 'label', 'placeholder'].includes(key) && typeof value === 'string' ? [value] : readable(value)));
};

describe('the settings card in the person’s language', () => {
  it('is in German for de-DE: headings, labels, hints, delivery choices and the button', () => {
    const texts = readable(settingsCard(preferences, botTranslator('de-DE'), { text: botTranslator('de-DE')('settings.saved'), color: 'Good' }));
    for (const german of ['Ihre Einstellungen', 'Benachrichtigungen von Apps', 'Zeitzone', 'Sprache', 'Ruhezeiten', 'Von', 'Bis', 'Themen', 'Thema hinzufügen', 'Zustellung', 'Tägliche Zusammenfassung', 'Aus', 'Speichern', 'Gespeichert.']) {
      expect(texts, german).toContain(german);
    }
    expect(texts, 'languages are named in their own').toContain('English (United States)');
  });

  it('stays English by default, as before', () => {
    const texts = readable(settingsCard(preferences, botTranslator(undefined)));
    expect(texts).toEqual(expect.arrayContaining(['Your settings', 'Notifications from apps', 'Time zone', 'Quiet hours', 'As they come', 'Daily digest', 'Save']));
  });
});

describe('the OAuth card', () => {
  it('asks to sign in in the person’s language', () => {
    const card = oauthCard({ connectionName: 'c', resourceUri: 'api://x', exchangeId: 'e', signInUrl: 'https://herald.example/auth/start' }, botTranslator('de-AT'));
    expect(readable(card)).toEqual(['Melden Sie sich mit Ihrem Geschäftskonto bei Herald an, damit die Apps, die Sie benachrichtigen, wissen, dass Sie es sind.', 'Anmelden']);
  });
});
