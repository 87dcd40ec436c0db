import { createTranslator, defineCatalogs, negotiateLocale, type Translate } from '@herald/i18n';
import { acceptedLanguages } from '../browser-pages/accepted-languages.js';

/** The console sign-in's texts (ICU MessageFormat), English the reference; `{detail}` is what Entra said. */
const EN = {
  'invalidReturn.title': 'This sign-in address is not valid',
  'invalidReturn.message': "You can sign in to Herald's console only from the console's own pages.",
  'expired.title': 'This sign-in is no longer valid',
  'expired.message': 'A sign-in must be completed within 10 minutes, in the browser that started it, and its address must not be changed.',
  'consent.title': 'Herald needs your consent',
  'consent.message': 'Entra ID did not let Herald act for you: you or your administrator have not consented to Herald yet ({detail}). Ask your administrator to grant consent, then try again.',
  'declined.title': 'Sign-in was cancelled',
  'declined.message': 'Entra ID reports that the sign-in was cancelled or permission was declined ({detail}).',
  'entra.title': 'Sign-in did not complete',
  'entra.message': 'Entra ID answered: {detail}.',
  'account.title': 'Sign-in did not complete',
  'account.message': 'Entra ID did not confirm who you are, or your organisation may not use Herald ({detail}).',
  'unavailable.title': 'Sign-in is unavailable',
  'unavailable.message': 'Entra ID cannot be reached just now ({detail}). Try again in a minute.',
  tryAgain: 'Try again',
  openConsole: 'Open the console',
} as const;

const DE: Record<keyof typeof EN, string> = {
  'invalidReturn.title': 'Diese Anmeldeadresse ist ungültig',
  'invalidReturn.message': 'Die Anmeldung an der Herald-Konsole ist nur von den Seiten der Konsole aus möglich.',
  'expired.title': 'Diese Anmeldung ist nicht mehr gültig',
  'expired.message': 'Eine Anmeldung muss innerhalb von 10 Minuten in dem Browser abgeschlossen werden, in dem sie begonnen wurde, und ihre Adresse darf nicht verändert werden.',
  'consent.title': 'Herald braucht Ihre Zustimmung',
  'consent.message': 'Entra ID hat Herald nicht erlaubt, für Sie zu handeln: Sie oder Ihr Administrator haben Herald noch nicht zugestimmt ({detail}). Bitten Sie Ihren Administrator um die Zustimmung und versuchen Sie es dann erneut.',
  'declined.title': 'Die Anmeldung wurde abgebrochen',
  'declined.message': 'Entra ID meldet, dass die Anmeldung abgebrochen oder die Berechtigung abgelehnt wurde ({detail}).',
  'entra.title': 'Die Anmeldung wurde nicht abgeschlossen',
  'entra.message': 'Entra ID hat geantwortet: {detail}.',
  'account.title': 'Die Anmeldung wurde nicht abgeschlossen',
  'account.message': 'Entra ID hat nicht bestätigt, wer Sie sind, oder Ihre Organisation darf Herald nicht nutzen ({detail}).',
  'unavailable.title': 'Die Anmeldung ist nicht verfügbar',
  'unavailable.message': 'Entra ID ist gerade nicht erreichbar ({detail}). Versuchen Sie es in einer Minute erneut.',
  tryAgain: 'Erneut versuchen',
  openConsole: 'Konsole öffnen',
};

export const CONSOLE_SIGNIN_CATALOGS = defineCatalogs({ en: EN, de: DE });

export type ProblemKind = 'invalidReturn' | 'expired' | 'consent' | 'declined' | 'entra' | 'account' | 'unavailable';
export type ConsoleSigninText = Translate<keyof typeof EN>;

/** The texts in the console's locale (e.g. `de-DE`) if Herald speaks it, else the browser's first language Herald speaks, else English. */
export function consoleSigninText(locale: string | undefined, acceptLanguage: string | undefined): ConsoleSigninText {
  return createTranslator(CONSOLE_SIGNIN_CATALOGS, negotiateLocale(locale, ...acceptedLanguages(acceptLanguage)));
}
