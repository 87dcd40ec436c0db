import { FluentProvider, Link, MessageBar, MessageBarBody, Text, Title1 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { fluentThemeOf } from '../app/host-theme.js';
import { I18nProvider, useI18n, type I18n } from '../i18n/i18n.js';
import { pageStyles } from '../pages/page-styles.js';
import { consoleTabConfig, offerTabConfig } from './tab-config.js';

type Offer = 'offering' | 'ready' | 'failed';

/** Whether the address is the configuration page rather than the console (which signs the person in). */
export const isConfigurePath = (pathname: string): boolean => /^\/console\/configure\/?$/.test(pathname);

/** The configuration page in the person's language and Teams theme; it needs no sign-in. */
export function ConfigureRoot({ i18n, teamsTheme, inTeams }: { i18n: I18n; teamsTheme: string | undefined; inTeams: boolean }) {
  return (
    <FluentProvider theme={fluentThemeOf(teamsTheme)} style={{ minHeight: '100vh' }}>
      <I18nProvider i18n={i18n}>
        <ConfigurePage inTeams={inTeams} />
      </I18nProvider>
    </FluentProvider>
  );
}

/**
 * `/console/configure`, the configurable tab's configuration page (manifest `configurationUrl`): in
 * Teams' dialog it says what the tab is and lets Save add it; in a browser it says it belongs to Teams.
 */
export function ConfigurePage({ inTeams }: { inTeams: boolean }) {
  const { t } = useI18n();
  const styles = pageStyles();
  const [offer, setOffer] = useState<Offer>('offering');
  useEffect(() => {
    if (!inTeams) return;
    void offerTabConfig(consoleTabConfig(window.location.origin, t('configure.tabName'))).then(
      () => setOffer('ready'),
      () => setOffer('failed'),
    );
  }, [inTeams, t]);
  return (
    <main className={styles.narrow} data-testid="configure-page" data-offer={inTeams ? offer : 'outside-teams'}>
      <Title1 as="h1">{t('configure.title')}</Title1>
      <Text as="p" block>
        {inTeams ? t('configure.body') : t('configure.outsideTeams')}
      </Text>
      {!inTeams && (
        <Text as="p" block>
          <Link href="/console/">{t('configure.openConsole')}</Link>
        </Text>
      )}
      {inTeams && offer === 'failed' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t('configure.failed')}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}
