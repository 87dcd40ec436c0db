import { FluentProvider } from '@fluentui/react-components';
import type { ConsoleAuthor } from '@herald/contracts';
import { useEffect, useMemo, useState } from 'react';
import { ConsoleApi, type AuthTrouble } from '../api/console-api.js';
import type { TokenSource } from '../auth/token-source.js';
import { I18nProvider, type I18n } from '../i18n/i18n.js';
import { NotAnAuthorPage, SignInPage } from '../pages/access-pages.js';
import { ApiContext } from './api-context.js';
import { fluentThemeOf, HostThemeContext, previewThemeOf } from './host-theme.js';
import { Shell } from './shell.js';

type Access = { state: 'checking' } | { state: 'ready'; me: ConsoleAuthor } | { state: 'signIn' } | { state: 'notAnAuthor' } | { state: 'failed'; message: string };

/** Checks who is here (`GET /me`), then shows the console, the sign-in page or the not-an-author page. */
export function Root({ i18n, tokens, teamsTheme }: { i18n: I18n; tokens: TokenSource; teamsTheme: string | undefined }) {
  const [access, setAccess] = useState<Access>({ state: 'checking' });
  const api = useMemo(
    () =>
      new ConsoleApi(tokens, (trouble: AuthTrouble) => {
        if (trouble === 'signIn' && tokens.signsInByItself) tokens.signIn();
        setAccess({ state: trouble });
      }),
    [tokens],
  );
  useEffect(() => {
    api.me().then(
      (me) => setAccess({ state: 'ready', me }),
      (error: unknown) => setAccess((current) => (current.state === 'checking' ? { state: 'failed', message: String((error as Error).message) } : current)),
    );
  }, [api]);
  return (
    <FluentProvider theme={fluentThemeOf(teamsTheme)} style={{ minHeight: '100vh' }}>
      <I18nProvider i18n={i18n}>
        <HostThemeContext.Provider value={previewThemeOf(teamsTheme)}>
          <ApiContext.Provider value={api}>{page(access, tokens)}</ApiContext.Provider>
        </HostThemeContext.Provider>
      </I18nProvider>
    </FluentProvider>
  );
}

function page(access: Access, tokens: TokenSource) {
  switch (access.state) {
    case 'checking':
      return null;
    case 'ready':
      return <Shell me={access.me} />;
    case 'signIn':
      return <SignInPage canSignIn={tokens.canSignIn} onSignIn={() => tokens.signIn()} />;
    case 'notAnAuthor':
      return <NotAnAuthorPage />;
    case 'failed':
      return <SignInPage canSignIn={tokens.canSignIn} onSignIn={() => tokens.signIn()} error={access.message} />;
  }
}
