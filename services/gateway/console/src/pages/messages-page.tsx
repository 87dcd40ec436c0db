import { Badge, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title1, ToggleButton } from '@fluentui/react-components';
import type { ConsoleMessageState, ConsoleMessageSummary } from '@herald/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../app/api-context.js';
import { navigate } from '../app/router.js';
import { RouteLink } from '../app/shell.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBar } from './error-bar.js';
import { pageStyles } from './page-styles.js';

const STATES: ConsoleMessageState[] = ['draft', 'awaitingApproval', 'scheduled', 'sending', 'sent', 'cancelled'];
type Filter = ConsoleMessageState | 'all';
const REFRESH_MS = 5_000;

/** Every message of the tenant, newest first, by state with counts. */
export function MessagesPage() {
  const api = useApi();
  const { t } = useI18n();
  const styles = pageStyles();
  const [messages, setMessages] = useState<ConsoleMessageSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    (after?: string) =>
      api.messages({ limit: 200, ...(after ? { after } : {}) }).then((page) => {
        setMessages((current) => (after ? [...current, ...page.messages] : page.messages));
        setNext(page.next);
      }, setError),
    [api],
  );
  // The list is a projection that follows the events a moment later: read it again every few seconds.
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  const count = (state: Filter) => (state === 'all' ? messages.length : messages.filter((message) => message.state === state).length);
  const shown = filter === 'all' ? messages : messages.filter((message) => message.state === filter);
  const duplicate = (id: string) => api.duplicate(id).then((copy) => navigate({ page: 'edit', id: copy.id }), setError);
  const remove = (id: string) =>
    api.remove(id).then(() => setMessages((current) => current.filter((message) => message.id !== id)), setError);
  return (
    <div className={styles.page}>
      <div className={styles.row}>
        <Title1 as="h1">{t('list.title')}</Title1>
        <Button appearance="primary" onClick={() => navigate({ page: 'new' })} data-testid="new-message">
          {t('nav.new')}
        </Button>
      </div>
      <ErrorBar error={error} />
      <StateFilter filter={filter} onChange={setFilter} count={count} />
      <MessagesTable messages={shown} onDuplicate={(id) => void duplicate(id)} onDelete={(id) => void remove(id)} />
      {shown.length === 0 && <p data-testid="no-messages">{t('list.empty')}</p>}
      {next && (
        <Button onClick={() => void load(next)} data-testid="load-more">
          {t('action.loadMore')}
        </Button>
      )}
    </div>
  );
}

/** The messages shown, one row each. */
function MessagesTable({ messages, onDuplicate, onDelete }: { messages: ConsoleMessageSummary[]; onDuplicate: (id: string) => void; onDelete: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <Table aria-label={t('list.title')} data-testid="messages-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('list.column.title')}</TableHeaderCell>
          <TableHeaderCell>{t('list.column.state')}</TableHeaderCell>
          <TableHeaderCell>{t('list.column.updated')}</TableHeaderCell>
          <TableHeaderCell>{t('list.column.delivered')}</TableHeaderCell>
          <TableHeaderCell>{t('list.column.actions')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {messages.map((message) => (
          <MessageRow key={message.id} message={message} onDuplicate={() => onDuplicate(message.id)} onDelete={() => onDelete(message.id)} />
        ))}
      </TableBody>
    </Table>
  );
}

/** The states to show, each with its count; toggle buttons, one Tab stop each: Fluent's TabList adds focusable aria-hidden guards that axe rightly flags. */
function StateFilter({ filter, onChange, count }: { filter: Filter; onChange: (filter: Filter) => void; count: (state: Filter) => number }) {
  const { t } = useI18n();
  const styles = pageStyles();
  return (
    <div role="group" aria-label={t('list.filter')} className={styles.row} data-testid="state-tabs">
      {(['all', ...STATES] as Filter[]).map((state) => (
        <ToggleButton key={state} checked={filter === state} appearance={filter === state ? 'primary' : 'subtle'} onClick={() => onChange(state)} data-testid={`state-tab-${state}`}>
          {t('list.tab', { state: t(`state.${state}`), count: count(state) })}
        </ToggleButton>
      ))}
    </div>
  );
}

/** One message: its title (to its page), state, when, delivered of total, and what can be done with it. */
function MessageRow({ message, onDuplicate, onDelete }: { message: ConsoleMessageSummary; onDuplicate: () => void; onDelete: () => void }) {
  const { t, number, dateTime } = useI18n();
  const styles = pageStyles();
  const title = message.title || t('list.untitled');
  return (
    <TableRow data-testid="message-row">
      <TableCell>
        <RouteLink route={message.state === 'draft' ? { page: 'edit', id: message.id } : { page: 'status', id: message.id }}>{title}</RouteLink>
      </TableCell>
      <TableCell>
        <Badge appearance="tint">{t(`state.${message.state}`)}</Badge>
      </TableCell>
      <TableCell>{message.sendAt && message.state === 'scheduled' ? t('list.sendsAt', { when: dateTime(message.sendAt) }) : dateTime(message.updatedAt)}</TableCell>
      <TableCell>{message.total > 0 ? t('list.deliveredOf', { delivered: number(message.buckets.Delivered ?? 0), total: number(message.total) }) : '—'}</TableCell>
      <TableCell>
        <div className={styles.row}>
          <Button size="small" onClick={onDuplicate} aria-label={t('list.duplicateNamed', { title })}>
            {t('action.duplicate')}
          </Button>
          {message.state === 'draft' && (
            <Button size="small" onClick={onDelete} aria-label={t('list.deleteNamed', { title })}>
              {t('action.delete')}
            </Button>
          )}
        </div>
      </TableCell>
    </TableRow>
  );
}
