import { createRoot } from 'react-dom/client';
import { connectToTeams } from './auth/teams-host.js';
import { TokenSource } from './auth/token-source.js';
import { Root } from './app/root.js';
import { ConfigureRoot, isConfigurePath } from './configure/configure-page.js';
import { createI18n } from './i18n/i18n.js';
import { chooseLocale } from './i18n/locale.js';

interface ConsoleConfig {
  authSignInUrl: string | null;
  teamsHostOrigins?: string[];
}

// A token the auth service's sign-in page handed over leaves the address bar before anything else runs.
TokenSource.adoptFragmentToken();
const config = (await fetch('/console/config.json').then((response) => response.json())) as ConsoleConfig;
const teams = await connectToTeams(config.teamsHostOrigins ?? []);
const { locale, language } = chooseLocale([teams?.locale, ...navigator.languages]);
document.documentElement.lang = locale;
const i18n = createI18n(locale, language);
document.title = i18n.t('app.title');
const element = document.getElementById('root');
if (element && isConfigurePath(window.location.pathname)) createRoot(element).render(<ConfigureRoot i18n={i18n} teamsTheme={teams?.theme} inTeams={teams !== null} />);
else if (element) createRoot(element).render(<Root i18n={i18n} tokens={new TokenSource(teams, config.authSignInUrl)} teamsTheme={teams?.theme} />);
