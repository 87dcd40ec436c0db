import { describe, expect, it } from 'vitest';
import { codePage, problemPage } from './signin-pages.js';
import { signinPageText } from './signin-pages.messages.js';

const TEAMS_JS = 'https://teams.example/teams-js.js';

describe("the OAuth fallback's pages", () => {
  it('speak the browser’s language when Herald speaks it: German for a German Teams', () => {
    const page = codePage('482913', TEAMS_JS, signinPageText('de-DE,de;q=0.9,en;q=0.8'));
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('<h1>Fast geschafft</h1>');
    expect(page).toContain('<p>Ihr Anmeldecode:</p>');
    expect(page).toContain('<p id="code">482913</p>');
    expect(page).toMatch(/Er gilt einmal, 5 Minuten lang, nur für Sie\./);
  });

  it('fall back to English for a language Herald does not speak, or none', () => {
    for (const header of ['fr-FR,fr;q=0.9', undefined]) {
      const page = codePage('482913', TEAMS_JS, signinPageText(header));
      expect(page).toContain('<html lang="en">');
      expect(page).toContain('<h1>Almost done</h1>');
      expect(page).toContain('type this code in your chat with Herald');
    }
  });

  it('say what went wrong in the person’s language, with what Entra said escaped', () => {
    const page = problemPage('refused', signinPageText('de'), 'access_denied<script>');
    expect(page).toContain('<title>Die Anmeldung wurde nicht abgeschlossen · Herald</title>');
    expect(page).toContain('Entra ID hat geantwortet: access_denied&#60;script&#62;.');
    expect(page).toContain('Schreiben Sie „signin“ in Ihren Chat mit Herald, um neu zu beginnen.');
    expect(page).not.toContain('<script>');
  });
});
