import { Button, Field, Input, Switch, Textarea } from '@fluentui/react-components';
import type { FieldProblem } from '../api/problem.js';
import { useI18n } from '../i18n/i18n.js';
import { pageStyles } from '../pages/page-styles.js';
import { MAX_BUTTONS, type DraftForm } from './draft-form.js';
import { problemOf } from './problem-list.js';

interface Props {
  form: DraftForm;
  update: (change: Partial<DraftForm>) => void;
  problems: FieldProblem[];
}

/** Simple mode: title, summary, image, Markdown body, up to three link buttons, Acknowledge. */
export function ContentFields({ form, update, problems }: Props) {
  const { t } = useI18n();
  const styles = pageStyles();
  const invalid = (field: string) => {
    const message = problemOf(problems, field, t);
    return message ? { validationMessage: message, validationState: 'error' as const } : {};
  };
  const setButton = (index: number, change: Partial<{ title: string; url: string }>) => update({ buttons: form.buttons.map((button, i) => (i === index ? { ...button, ...change } : button)) });
  return (
    <>
      <Field label={t('field.title')} {...invalid('title')}>
        <Input value={form.title} onChange={(_, data) => update({ title: data.value })} maxLength={200} data-testid="compose-title" />
      </Field>
      <Field label={t('field.summary')} {...invalid('summary')}>
        <Textarea value={form.summary} onChange={(_, data) => update({ summary: data.value })} maxLength={1_000} resize="vertical" data-testid="compose-summary" />
      </Field>
      <Field label={t('field.imageUrl')} hint={t('compose.imageHint')} {...invalid('imageUrl')}>
        <Input type="url" value={form.imageUrl} onChange={(_, data) => update({ imageUrl: data.value })} placeholder="https://" data-testid="compose-image" />
      </Field>
      <Field label={t('field.body')} hint={t('compose.bodyHint')} {...invalid('body')}>
        <Textarea value={form.body} onChange={(_, data) => update({ body: data.value })} rows={6} resize="vertical" maxLength={20_000} data-testid="compose-body" />
      </Field>
      <fieldset className={styles.section}>
        <legend>{t('compose.buttons')}</legend>
        {form.buttons.map((button, i) => (
          <div key={i} className={styles.row} data-testid="compose-button-row">
            <Field label={t('field.button.title', { n: i + 1 })} {...invalid(`buttons[${i}].title`)}>
              <Input value={button.title} onChange={(_, data) => setButton(i, { title: data.value })} maxLength={80} data-testid={`compose-button-title-${i}`} />
            </Field>
            <Field label={t('field.button.url', { n: i + 1 })} {...invalid(`buttons[${i}].url`)}>
              <Input type="url" value={button.url} onChange={(_, data) => setButton(i, { url: data.value })} placeholder="https://" data-testid={`compose-button-url-${i}`} />
            </Field>
            <Button onClick={() => update({ buttons: form.buttons.filter((_, j) => j !== i) })} aria-label={t('compose.removeButton', { n: i + 1 })}>
              {t('action.remove')}
            </Button>
          </div>
        ))}
        {form.buttons.length < MAX_BUTTONS && (
          <Button onClick={() => update({ buttons: [...form.buttons, { title: '', url: '' }] })} data-testid="compose-add-button">
            {t('compose.addButton')}
          </Button>
        )}
      </fieldset>
      <Switch checked={form.acknowledge} onChange={(_, data) => update({ acknowledge: data.checked })} label={t('compose.acknowledge')} data-testid="compose-acknowledge" />
    </>
  );
}
