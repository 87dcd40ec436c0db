import { Button, Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { RecipientPage } from '@herald/contracts';
import { useApi } from '../app/api-context.js';
import { STATUS_BUCKETS } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBar } from '../pages/error-bar.js';
import { pageStyles } from '../pages/page-styles.js';

const PAGE_SIZE = 100;

/** Every recipient with outcome and reason, filtered by bucket, 100 a page (cursor paging: fine for 100,000). */
export function RecipientsTable({ messageId, refreshKey }: { messageId: string; refreshKey: number }) {
  const api = useApi();
  const { t } = useI18n();
  const styles = pageStyles();
  const [bucket, setBucket] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<RecipientPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const after = cursors[cursors.length - 1];
  useEffect(() => {
    api.recipients(messageId, { limit: PAGE_SIZE, ...(bucket ? { bucket } : {}), ...(after ? { after } : {}) }).then((answer) => (setPage(answer), setError(null)), setError);
  }, [api, messageId, bucket, after, refreshKey]);
  const next = page?.next;
  return (
    <section aria-labelledby="recipients-heading" data-testid="recipients">
      <h2 id="recipients-heading">{t('recipients.title')}</h2>
      <Field label={t('recipients.filter')}>
        <Select value={bucket} onChange={(_, data) => (setBucket(data.value), setCursors([undefined]))} data-testid="recipients-bucket">
          <option value="">{t('recipients.all')}</option>
          {[...STATUS_BUCKETS, 'Digested' as const].map((name) => (
            <option key={name} value={name}>
              {t(`bucket.${name}`)}
            </option>
          ))}
        </Select>
      </Field>
      <ErrorBar error={error} />
      <RecipientRows recipients={page?.recipients ?? []} />
      {page && page.recipients.length === 0 && <p>{t('recipients.none')}</p>}
      <nav className={styles.row} aria-label={t('recipients.paging')}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="recipients-previous">
          {t('action.previous')}
        </Button>
        <span data-testid="recipients-page">{t('recipients.page', { page: cursors.length })}</span>
        <Button disabled={!next} onClick={() => next && setCursors([...cursors, next])} data-testid="recipients-next">
          {t('action.next')}
        </Button>
      </nav>
    </section>
  );
}

/** One page of recipients: who, outcome, reason, attempts and when it settled. */
function RecipientRows({ recipients }: { recipients: RecipientPage['recipients'] }) {
  const { t, dateTime, number } = useI18n();
  return (
    <Table aria-label={t('recipients.title')} data-testid="recipients-table" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('recipients.column.recipient')}</TableHeaderCell>
          <TableHeaderCell>{t('recipients.column.outcome')}</TableHeaderCell>
          <TableHeaderCell>{t('recipients.column.reason')}</TableHeaderCell>
          <TableHeaderCell>{t('recipients.column.attempts')}</TableHeaderCell>
          <TableHeaderCell>{t('recipients.column.at')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {recipients.map((recipient) => (
          <TableRow key={recipient.recipientKey} data-testid="recipient-row" data-bucket={recipient.bucket}>
            <TableCell>{recipient.recipientKey}</TableCell>
            <TableCell>{t(`bucket.${recipient.bucket}`)}</TableCell>
            <TableCell>{recipient.code ?? '—'}</TableCell>
            <TableCell>{number(recipient.attempts)}</TableCell>
            <TableCell>{recipient.settledAt ? dateTime(recipient.settledAt) : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
