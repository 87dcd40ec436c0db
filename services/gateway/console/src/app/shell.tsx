import { Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ConsoleAuthor } from '@herald/contracts';
import type { MouseEvent } from 'react';
import { ComposePage } from '../compose/compose-page.js';
import { useI18n } from '../i18n/i18n.js';
import { MessagesPage } from '../pages/messages-page.js';
import { StatusPage } from '../status/status-page.js';
import { navigate, pathOf, useRoute, type Route } from './router.js';

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', gap: '1.5rem', padding: '0.75rem 1.5rem', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  nav: { display: 'flex', gap: '1rem', flexGrow: 1 },
});

/** The console's frame: banner with navigation, then the current page in `main`. */
export function Shell({ me }: { me: ConsoleAuthor }) {
  const { t } = useI18n();
  const route = useRoute();
  const styles = useStyles();
  return (
    <>
      <header className={styles.header}>
        <Text className={styles.brand}>{t('app.title')}</Text>
        <nav className={styles.nav} aria-label={t('nav.label')}>
          <RouteLink route={{ page: 'list' }} testId="nav-messages" current={route.page === 'list'}>
            {t('nav.messages')}
          </RouteLink>
          <RouteLink route={{ page: 'new' }} testId="nav-new" current={route.page === 'new'}>
            {t('nav.new')}
          </RouteLink>
        </nav>
        <Text data-testid="signed-in-as">{t('app.signedInAs', { name: me.name ?? me.upn ?? me.aadObjectId })}</Text>
      </header>
      <main>{pageOf(route, me)}</main>
    </>
  );
}

function pageOf(route: Route, me: ConsoleAuthor) {
  switch (route.page) {
    case 'list':
      return <MessagesPage />;
    case 'new':
      return <ComposePage key="new" me={me} />;
    case 'edit':
      return <ComposePage key={route.id} id={route.id} me={me} />;
    case 'status':
      return <StatusPage key={route.id} id={route.id} me={me} />;
  }
}

/** A link that moves within the console without reloading it (a plain link still works with a modifier key). */
export function RouteLink({ route, children, testId, current }: { route: Route; children: string; testId?: string; current?: boolean }) {
  const onClick = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(route);
  };
  return (
    <Link href={pathOf(route)} onClick={onClick} data-testid={testId} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}
