import { Field, Textarea } from '@fluentui/react-components';
import type { FieldProblem } from '../api/problem.js';
import { useI18n } from '../i18n/i18n.js';
import type { DraftForm } from './draft-form.js';
import { problemOf } from './problem-list.js';

/** Advanced mode: the Adaptive Card's JSON (`${…}` templates allowed) and the data bound into it. */
export function AdvancedFields({ form, update, problems }: { form: DraftForm; update: (change: Partial<DraftForm>) => void; problems: FieldProblem[] }) {
  const { t } = useI18n();
  const invalid = (field: string) => {
    const message = problemOf(problems, field, t);
    return message ? { validationMessage: message, validationState: 'error' as const } : {};
  };
  return (
    <>
      <Field label={t('field.advanced.card')} hint={t('compose.cardHint')} {...invalid('advanced.card')}>
        <Textarea value={form.advancedCard} onChange={(_, data) => update({ advancedCard: data.value })} rows={16} resize="vertical" spellCheck={false} textarea={{ style: { fontFamily: 'monospace' } }} data-testid="compose-card-json" />
      </Field>
      <Field label={t('field.advanced.data')} hint={t('compose.dataHint')} {...invalid('advanced.data')}>
        <Textarea value={form.advancedData} onChange={(_, data) => update({ advancedData: data.value })} rows={6} resize="vertical" spellCheck={false} textarea={{ style: { fontFamily: 'monospace' } }} data-testid="compose-data-json" />
      </Field>
    </>
  );
}
