import { Button, Switch, Text, Title1 } from '@fluentui/react-components';
import type { ConsoleAuthor, ConsoleSend } from '@herald/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../app/api-context.js';
import { useHostTheme } from '../app/host-theme.js';
import { navigate } from '../app/router.js';
import type { FieldProblem } from '../api/problem.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBar } from '../pages/error-bar.js';
import { pageStyles } from '../pages/page-styles.js';
import { CardPreview } from '../preview/card-preview.js';
import type { PreviewTheme } from '../preview/host-configs.js';
import { AdvancedFields } from './advanced-fields.js';
import { AudiencePicker } from './audience-picker.js';
import { ContentFields } from './content-fields.js';
import { ProblemList, problemOf } from './problem-list.js';
import { SendPanel } from './send-panel.js';
import { useComposed } from './use-composed.js';
import { useDraft } from './use-draft.js';
import { useSendDraft } from './use-send.js';

/** Compose (or edit) a draft: content, live preview, audience, send or schedule. */
export function ComposePage({ id }: { id?: string; me: ConsoleAuthor }) {
  const api = useApi();
  const { t } = useI18n();
  const styles = pageStyles();
  const draft = useDraft(api, id);
  const [theme, setTheme] = useState<PreviewTheme>(useHostTheme());
  const [rendererProblems, setRendererProblems] = useState<FieldProblem[]>([]);
  // Fields are marked invalid once the author has started (not on an empty new form).
  const [touched, setTouched] = useState(Boolean(id));
  const { form } = draft;
  const update = useCallback((change: Parameters<typeof draft.update>[0]) => (setTouched(true), draft.update(change)), [draft.update]);
  const { parsed, card, data, problems } = useComposed(form, rendererProblems, draft.apiProblems);
  const fieldProblems = touched ? problems : [];
  const onProblems = useCallback((found: FieldProblem[]) => setRendererProblems(found), []);
  const { send: sendDraft, sending } = useSendDraft(api, draft);
  const send = (when: ConsoleSend) => (setTouched(true), sendDraft(when));
  const saveNow = async () => {
    const saved = await draft.save();
    if (saved && !id) navigate({ page: 'edit', id: saved }, true);
  };
  // A message that is no longer a draft is followed on its status page.
  useEffect(() => {
    if (draft.message && draft.message.state !== 'draft') navigate({ page: 'status', id: draft.message.id }, true);
  }, [draft.message]);
  return (
    <div className={styles.page}>
      <div className={styles.row}>
        <Title1 as="h1">{id ? t('compose.editTitle') : t('compose.newTitle')}</Title1>
        <Text aria-live="polite" className={styles.muted} data-testid="save-state">
          {t(`save.${draft.saveState}`)}
        </Text>
      </div>
      <ErrorBar error={draft.error} />
      <div className={styles.columns}>
        <div className={styles.page} style={{ padding: 0 }}>
          <section className={styles.section} aria-labelledby="content-heading">
            <h2 id="content-heading">{t('compose.content')}</h2>
            <Switch checked={form.advancedMode} onChange={(_, value) => update({ advancedMode: value.checked })} label={t('compose.advanced')} data-testid="compose-advanced" />
            {form.advancedMode ? <AdvancedFields form={form} update={update} problems={fieldProblems} /> : <ContentFields form={form} update={update} problems={fieldProblems} />}
          </section>
          <AudiencePicker audience={form.audience} onChange={(audience) => update({ audience })} invalid={problemOf(fieldProblems, 'audience', t)} />
          <div className={styles.row}>
            <Button onClick={() => void saveNow()} disabled={parsed.problems.length > 0 || draft.saveState === 'saving'} data-testid="save-draft">
              {t('action.save')}
            </Button>
          </div>
          <SendPanel needsApproval={form.needsApproval} onNeedsApproval={(on) => update({ needsApproval: on })} onSend={(when) => void send(when)} busy={sending} blocked={problems.length > 0} />
        </div>
        <div className={styles.page} style={{ padding: 0 }}>
          <CardPreview card={card} data={data} theme={theme} onThemeChange={setTheme} onProblems={onProblems} root={form.advancedMode ? 'advanced.card' : 'card'} />
          <ProblemList problems={problems} />
        </div>
      </div>
    </div>
  );
}
