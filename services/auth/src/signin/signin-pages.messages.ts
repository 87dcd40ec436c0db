import { createTranslator, defineCatalogs, negotiateLocale, type Translate } from '@herald/i18n';
import { acceptedLanguages } from '../browser-pages/accepted-languages.js';

/** The OAuth fallback's browser pages (ICU MessageFormat), English the reference; `{detail}` is what Entra said. */
const EN = {
  'invalidLink.title': 'This sign-in link is not valid',
  'invalidLink.message': 'Sign-in links work for 10 minutes, for the person they were sent to.',
  'expired.title': 'This sign-in has expired',
  'expired.message': 'A sign-in must be completed within 10 minutes of starting it.',
  'refused.title': 'Sign-in was not completed',
  'refused.message': 'Entra ID answered: {detail}.',
  'notYours.title': 'This sign-in is not yours',
  'notYours.message': 'You signed in with another account than the one you use in Teams. Sign in with your own account.',
  'noProfile.title': 'Sign-in did not complete',
  'noProfile.message': 'Your profile could not be read from Microsoft Graph. Try again in a minute.',
  'unconfirmed.title': 'Sign-in did not complete',
  'unconfirmed.message': 'Entra ID did not confirm who you are.',
  startAgain: 'Type “signin” in your chat with Herald to start again.',
  'code.title': 'Signed in',
  'code.heading': 'Almost done',
  'code.intro': 'Your sign-in code:',
  'code.hint': 'If this window does not close by itself, type this code in your chat with Herald. It works once, for 5 minutes, for you only.',
} as const;

const DE: Record<keyof typeof EN, string> = {
  'invalidLink.title': 'Dieser Anmeldelink ist ungültig',
  'invalidLink.message': 'Anmeldelinks gelten 10 Minuten lang und nur für die Person, an die sie gesendet wurden.',
  'expired.title': 'Diese Anmeldung ist abgelaufen',
  'expired.message': 'Eine Anmeldung muss innerhalb von 10 Minuten nach ihrem Beginn abgeschlossen werden.',
  'refused.title': 'Die Anmeldung wurde nicht abgeschlossen',
  'refused.message': 'Entra ID hat geantwortet: {detail}.',
  'notYours.title': 'Diese Anmeldung gehört nicht Ihnen',
  'notYours.message': 'Sie haben sich mit einem anderen Konto angemeldet als dem, das Sie in Teams verwenden. Melden Sie sich mit Ihrem eigenen Konto an.',
  'noProfile.title': 'Die Anmeldung wurde nicht abgeschlossen',
  'noProfile.message': 'Ihr Profil konnte nicht aus Microsoft Graph gelesen werden. Versuchen Sie es in einer Minute erneut.',
  'unconfirmed.title': 'Die Anmeldung wurde nicht abgeschlossen',
  'unconfirmed.message': 'Entra ID hat nicht bestätigt, wer Sie sind.',
  startAgain: 'Schreiben Sie „signin“ in Ihren Chat mit Herald, um neu zu beginnen.',
  'code.title': 'Angemeldet',
  'code.heading': 'Fast geschafft',
  'code.intro': 'Ihr Anmeldecode:',
  'code.hint': 'Wenn sich dieses Fenster nicht von selbst schließt, geben Sie diesen Code in Ihren Chat mit Herald ein. Er gilt einmal, 5 Minuten lang, nur für Sie.',
};

export const SIGNIN_PAGE_CATALOGS = defineCatalogs({ en: EN, de: DE });

export type SigninProblem = 'invalidLink' | 'expired' | 'refused' | 'notYours' | 'noProfile' | 'unconfirmed';
export interface SigninPageText {
  readonly t: Translate<keyof typeof EN>;
  /** The page's `lang`. */
  readonly language: string;
}

/** The pages in the browser's first language Herald speaks (Teams opens them in its own language), else English. */
export function signinPageText(acceptLanguage: string | undefined): SigninPageText {
  const locale = negotiateLocale(undefined, ...acceptedLanguages(acceptLanguage));
  return { t: createTranslator(SIGNIN_PAGE_CATALOGS, locale), language: locale.language };
}
