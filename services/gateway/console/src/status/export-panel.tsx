import { Button, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ConsoleExportState } from '@herald/contracts';
import { useApi } from '../app/api-context.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBar } from '../pages/error-bar.js';
import { pageStyles } from '../pages/page-styles.js';

const POLL_MS = 2_000;
const SETTLED = new Set(['uploaded', 'declined', 'expired', 'failed']);

/** The recipients as a CSV file: downloaded here, or offered in the author's chat with Herald (Teams' file consent card). */
export function ExportPanel({ messageId }: { messageId: string }) {
  const api = useApi();
  const { t } = useI18n();
  const styles = pageStyles();
  const [exportState, setExportState] = useState<ConsoleExportState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    try {
      const response = await api.fetch(`/messages/${encodeURIComponent(messageId)}/recipients.csv`, { headers: { accept: 'text/csv' } });
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = 'recipients.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure);
    }
  };
  const requestExport = () =>
    api.requestExport(messageId).then(({ exportId }) => setExportState({ exportId, state: 'requested', fileName: '' }), setError);
  useEffect(() => {
    if (!exportState || SETTLED.has(exportState.state)) return;
    const timer = setTimeout(() => void api.exportState(exportState.exportId).then(setExportState, setError), POLL_MS);
    return () => clearTimeout(timer);
  }, [api, exportState]);
  return (
    <section aria-labelledby="export-heading" className={styles.section}>
      <h2 id="export-heading">{t('export.title')}</h2>
      <div className={styles.row}>
        <Button onClick={() => void download()} data-testid="download-csv">
          {t('export.download')}
        </Button>
        <Button onClick={() => void requestExport()} disabled={exportState !== null && !SETTLED.has(exportState.state)} data-testid="export-to-teams">
          {t('export.toTeams')}
        </Button>
      </div>
      {exportState && (
        <Text aria-live="polite" data-testid="export-state" data-state={exportState.state}>
          {t(`export.state.${exportState.state}`, { fileName: exportState.fileName, reason: exportState.reason ?? '' })}
        </Text>
      )}
      <ErrorBar error={error} />
    </section>
  );
}
