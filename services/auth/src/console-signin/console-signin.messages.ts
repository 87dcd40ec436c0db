/** The console sign-in's texts, per language; `{detail}` is filled in. English is the fallback. */

export type ProblemKind = 'invalidReturn' | 'expired' | 'consent' | 'declined' | 'entra' | 'account' | 'unavailable';
export type Language = 'en' | 'de';

interface Catalog {
  readonly problems: Record<ProblemKind, { readonly title: string; readonly message: string }>;
  readonly tryAgain: string;
  readonly openConsole: string;
}

export const CATALOGS: Record<Language, Catalog> = {
  en: {
    problems: {
      invalidReturn: { title: 'This sign-in address is not valid', message: "You can sign in to Herald's console only from the console's own pages." },
      expired: { title: 'This sign-in is no longer valid', message: 'A sign-in must be completed within 10 minutes, in the browser that started it, and its address must not be changed.' },
      consent: { title: 'Herald needs your consent', message: 'Entra ID did not let Herald act for you: you or your administrator have not consented to Herald yet. Ask your administrator to grant consent, then try again.' },
      declined: { title: 'Sign-in was cancelled', message: 'Entra ID reports that the sign-in was cancelled or permission was declined ({detail}).' },
      entra: { title: 'Sign-in did not complete', message: 'Entra ID answered: {detail}.' },
      account: { title: 'Sign-in did not complete', message: 'Entra ID did not confirm who you are, or your organisation may not use Herald.' },
      unavailable: { title: 'Sign-in is unavailable', message: 'Entra ID cannot be reached just now. Try again in a minute.' },
    },
    tryAgain: 'Try again',
    openConsole: 'Open the console',
  },
  de: {
    problems: {
      invalidReturn: { title: 'Diese Anmeldeadresse ist ungültig', message: 'Die Anmeldung an der Herald-Konsole ist nur von den Seiten der Konsole aus möglich.' },
      expired: { title: 'Diese Anmeldung ist nicht mehr gültig', message: 'Eine Anmeldung muss innerhalb von 10 Minuten in dem Browser abgeschlossen werden, in dem sie begonnen wurde, und ihre Adresse darf nicht verändert werden.' },
      consent: { title: 'Herald braucht Ihre Zustimmung', message: 'Entra ID hat Herald nicht erlaubt, für Sie zu handeln: Sie oder Ihr Administrator haben Herald noch nicht zugestimmt. Bitten Sie Ihren Administrator um die Zustimmung und versuchen Sie es dann erneut.' },
      declined: { title: 'Die Anmeldung wurde abgebrochen', message: 'Entra ID meldet, dass die Anmeldung abgebrochen oder die Berechtigung abgelehnt wurde ({detail}).' },
      entra: { title: 'Die Anmeldung wurde nicht abgeschlossen', message: 'Entra ID hat geantwortet: {detail}.' },
      account: { title: 'Die Anmeldung wurde nicht abgeschlossen', message: 'Entra ID hat nicht bestätigt, wer Sie sind, oder Ihre Organisation darf Herald nicht nutzen.' },
      unavailable: { title: 'Die Anmeldung ist nicht verfügbar', message: 'Entra ID ist gerade nicht erreichbar. Versuchen Sie es in einer Minute erneut.' },
    },
    tryAgain: 'Erneut versuchen',
    openConsole: 'Konsole öffnen',
  },
};

const LANGUAGES = Object.keys(CATALOGS) as Language[];

/** The language of an explicit locale (the console's, e.g. `de-DE`), else the browser's preference (Accept-Language), else English. */
export function languageOf(locale: string | undefined, acceptLanguage: string | undefined): Language {
  const primary = (tag: string) => tag.trim().split(/[-_;]/)[0]?.toLowerCase() as Language;
  if (locale && LANGUAGES.includes(primary(locale))) return primary(locale);
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => ({ tag: primary(part), q: Number(/;\s*q=([\d.]+)/.exec(part)?.[1] ?? 1) }))
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q)
    .find((entry) => LANGUAGES.includes(entry.tag));
  return preferred?.tag ?? 'en';
}
