import { describe, expect, it } from 'vitest';
import { refusalOf } from './console-entra.client.js';
import { consoleProblemPage } from './console-signin-pages.js';
import { languageOf } from './console-signin.messages.js';

describe("what the console sign-in tells the person when Entra refuses", () => {
  it('names missing consent apart from other refusals', () => {
    expect(refusalOf({ error: 'invalid_grant', error_codes: [65001] })).toEqual({ kind: 'refused', reason: 'consent', detail: 'invalid_grant (AADSTS65001)' });
    expect(refusalOf({ error: 'consent_required' })).toMatchObject({ reason: 'consent' });
    expect(refusalOf({ error: 'invalid_grant', error_codes: [54005] })).toEqual({ kind: 'refused', reason: 'entra', detail: 'invalid_grant (AADSTS54005)' });
    expect(refusalOf({})).toMatchObject({ reason: 'entra', detail: 'error' });
  });

  it("speaks the console's language, else the browser's first supported one, else English", () => {
    expect(languageOf('de-AT', 'en-US')).toBe('de');
    expect(languageOf(undefined, 'fr-FR, de;q=0.8, en;q=0.5')).toBe('de');
    expect(languageOf('fr-FR', 'fr-FR')).toBe('en');
    expect(languageOf(undefined, 'de;q=0, en')).toBe('en');
    expect(languageOf(undefined, undefined)).toBe('en');
  });

  it('escapes what Entra sent, and links to try again', () => {
    const page = consoleProblemPage('entra', 'en', { href: 'https://herald.example/auth/console/signin?returnTo=x&locale=en', retry: true }, '<script>');
    expect(page).toContain('Entra ID answered: &#60;script&#62;.');
    expect(page).toContain('<a id="try-again" href="https://herald.example/auth/console/signin?returnTo=x&#38;locale=en">Try again</a>');
  });
});
