import { describe, expect, it } from 'vitest';
import { createTranslator } from '@herald/i18n';
import { refusalOf } from './console-entra.client.js';
import { consoleProblemPage } from './console-signin-pages.js';
import { CONSOLE_SIGNIN_CATALOGS, consoleSigninText } from './console-signin.messages.js';

describe("what the console sign-in tells the person when Entra refuses", () => {
  it('names missing consent apart from other refusals', () => {
    expect(refusalOf({ error: 'invalid_grant', error_codes: [65001] })).toEqual({ kind: 'refused', reason: 'consent', detail: 'invalid_grant (AADSTS65001)' });
    expect(refusalOf({ error: 'consent_required' })).toMatchObject({ reason: 'consent' });
    expect(refusalOf({ error: 'invalid_grant', error_codes: [54005] })).toEqual({ kind: 'refused', reason: 'entra', detail: 'invalid_grant (AADSTS54005)' });
    expect(refusalOf({})).toMatchObject({ reason: 'entra', detail: 'error' });
  });

  it("speaks the console's language, else the browser's first one Herald speaks, else English", () => {
    expect(consoleSigninText('de-AT', 'en-US').language).toBe('de');
    expect(consoleSigninText(undefined, 'fr-FR, de;q=0.8, en;q=0.5').language).toBe('de');
    expect(consoleSigninText('fr-FR', 'fr-FR').language).toBe('en');
    expect(consoleSigninText(undefined, 'de;q=0, en').language).toBe('en');
    expect(consoleSigninText(undefined, undefined).language).toBe('en');
  });

  it('has every English text in German, each a valid ICU message with the same arguments', () => {
    const { en, de } = CONSOLE_SIGNIN_CATALOGS;
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    const [english, german] = [createTranslator(CONSOLE_SIGNIN_CATALOGS, 'en'), createTranslator(CONSOLE_SIGNIN_CATALOGS, 'de')];
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const [inEnglish, inGerman] = [english(key, { detail: '«detail»' }), german(key, { detail: '«detail»' })];
      expect(inGerman, key).not.toBe(inEnglish);
      expect(inGerman.includes('«detail»'), key).toBe(inEnglish.includes('«detail»'));
      expect(inGerman, key).not.toMatch(/[{}]/);
    }
  });

  it('escapes what Entra sent, and links to try again', () => {
    const page = consoleProblemPage('entra', consoleSigninText('en', undefined), { href: 'https://herald.example/auth/console/signin?returnTo=x&locale=en', retry: true }, '<script>');
    expect(page).toContain('Entra ID answered: &#60;script&#62;.');
    expect(page).toContain('<a id="try-again" href="https://herald.example/auth/console/signin?returnTo=x&#38;locale=en">Try again</a>');
    expect(consoleProblemPage('consent', consoleSigninText('de-DE', undefined), { href: '/', retry: true }, 'AADSTS65001')).toContain('<html lang="de">');
  });
});
