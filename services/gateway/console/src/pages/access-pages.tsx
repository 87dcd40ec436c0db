import { Button, MessageBar, MessageBarBody, Text, Title1 } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n.js';
import { pageStyles } from './page-styles.js';

/** 403 `not-an-author`: who may use the console, and how to become one. */
export function NotAnAuthorPage() {
  const { t } = useI18n();
  const styles = pageStyles();
  return (
    <main className={styles.narrow} data-testid="not-an-author">
      <Title1 as="h1">{t('access.notAuthor.title')}</Title1>
      <Text as="p" block>{t('access.notAuthor.body')}</Text>
      <Text as="p" block>{t('access.notAuthor.howTo')}</Text>
    </main>
  );
}

/** The token is missing or was refused (401): sign in again. */
export function SignInPage({ canSignIn, onSignIn, error }: { canSignIn: boolean; onSignIn: () => void; error?: string }) {
  const { t } = useI18n();
  const styles = pageStyles();
  return (
    <main className={styles.narrow} data-testid="sign-in-page">
      <Title1 as="h1">{t('access.signIn.title')}</Title1>
      <Text as="p" block>{canSignIn ? t('access.signIn.body') : t('access.signIn.teams')}</Text>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {canSignIn && (
        <Button appearance="primary" onClick={onSignIn} data-testid="sign-in">
          {t('access.signIn.button')}
        </Button>
      )}
    </main>
  );
}
