import { Badge, Button, Text, Title1 } from '@fluentui/react-components';
import type { ConsoleAuthor, ConsoleMessageView } from '@herald/contracts';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../app/api-context.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBar } from '../pages/error-bar.js';
import { pageStyles } from '../pages/page-styles.js';
import { BucketCounts } from './bucket-counts.js';
import { ExportPanel } from './export-panel.js';
import { RecipientsTable } from './recipients-table.js';
import { useLiveStatus } from './use-status.js';

const RECIPIENTS_REFRESH_MS = 2_000;

/** One message: its state, live counts, acknowledgements and reactions, its recipients; cancel, approve, duplicate, export. */
export function StatusPage({ id, me }: { id: string; me: ConsoleAuthor }) {
  const api = useApi();
  const { t, dateTime } = useI18n();
  const styles = pageStyles();
  const [message, setMessage] = useState<ConsoleMessageView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const { status, connected } = useLiveStatus(api, id);
  const state = status?.state ?? message?.state;
  useEffect(() => void api.message(id).then(setMessage, setError), [api, id, state]);
  // The recipients follow the live counts: read again on a change, at most every RECIPIENTS_REFRESH_MS.
  const lastRefresh = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, lastRefresh.current + RECIPIENTS_REFRESH_MS - Date.now());
    const timer = setTimeout(() => ((lastRefresh.current = Date.now()), setRefreshKey((key) => key + 1)), wait);
    return () => clearTimeout(timer);
  }, [status]);
  const act = (action: Promise<unknown>) => action.then(() => api.message(id).then(setMessage), setError);
  const duplicate = () => api.duplicate(id).then((copy) => navigate({ page: 'edit', id: copy.id }), setError);
  if (!message) return <div className={styles.page}><ErrorBar error={error} /></div>;
  const ownMessage = message.author.aadObjectId === me.aadObjectId;
  return (
    <div className={styles.page}>
      <div className={styles.row}>
        <Title1 as="h1" data-testid="status-title">{message.draft.title || t('list.untitled')}</Title1>
        <Badge appearance="filled" data-testid="status-state" data-state={state}>{t(`state.${state ?? 'draft'}`)}</Badge>
        <Text className={styles.muted} aria-live="polite" data-testid="stream-state">{connected ? t('status.live') : t('status.reconnecting')}</Text>
      </div>
      {message.send?.sendAt && <Text data-testid="status-send-at">{t('status.sendAt', { when: dateTime(message.send.sendAt, { dateStyle: 'full', timeStyle: 'short', ...(message.send.timeZone ? { timeZone: message.send.timeZone } : {}) }), timeZone: message.send.timeZone ?? '' })}</Text>}
      {message.approvedBy && <Text>{t('status.approvedBy', { name: message.approvedBy.name ?? message.approvedBy.upn ?? '' })}</Text>}
      <ErrorBar error={error} />
      <div className={styles.row}>
        {state === 'draft' && <Button onClick={() => navigate({ page: 'edit', id })}>{t('action.edit')}</Button>}
        {state === 'awaitingApproval' && !ownMessage && (
          <Button appearance="primary" onClick={() => void act(api.approve(id))} data-testid="approve">{t('action.approve')}</Button>
        )}
        {state === 'awaitingApproval' && ownMessage && <Text>{t('status.waitingForApproval')}</Text>}
        {(state === 'awaitingApproval' || state === 'scheduled' || state === 'sending') && (
          <Button onClick={() => void act(api.cancel(id))} data-testid="cancel">{t('action.cancel')}</Button>
        )}
        <Button onClick={() => void duplicate()} data-testid="duplicate">{t('action.duplicate')}</Button>
      </div>
      <BucketCounts status={status?.status ?? null} engagement={status?.engagement ?? null} />
      {message.notificationId && <RecipientsTable messageId={id} refreshKey={refreshKey} />}
      {message.notificationId && <ExportPanel messageId={id} />}
    </div>
  );
}
