import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ApiError } from '../api/problem.js';
import { useI18n } from '../i18n/i18n.js';

/** An API failure, said plainly (field problems are shown by the form that caused them). */
export function ErrorBar({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const detail = error instanceof ApiError ? (error.problem.detail ?? error.problem.title ?? error.message) : error instanceof Error ? error.message : typeof error === 'string' ? error : null;
  return (
    <MessageBar intent="error" data-testid="error-bar" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t('error.title')}</MessageBarTitle>
        {detail}
      </MessageBarBody>
    </MessageBar>
  );
}
