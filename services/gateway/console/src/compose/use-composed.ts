import { composeCard, draftProblems } from '@herald/console-cards';
import { useMemo } from 'react';
import type { FieldProblem } from '../api/problem.js';
import { useI18n } from '../i18n/i18n.js';
import { draftOf, type DraftForm } from './draft-form.js';

/**
 * What the form makes: the draft, the card to preview (none while the advanced JSON does not
 * parse), its templating data, and every problem that stops it being sent — the form's own, the
 * renderer's, the API's, and the draft rules shared with the gateway (`draftProblems`).
 */
export function useComposed(form: DraftForm, rendererProblems: FieldProblem[], apiProblems: FieldProblem[]) {
  const { t } = useI18n();
  const parsed = useMemo(() => draftOf(form), [form]);
  const unparsable = parsed.problems.some((problem) => problem.line !== undefined || problem.field.startsWith('advanced.'));
  const card = useMemo(() => (unparsable ? null : composeCard(parsed.draft, { acknowledgeTitle: t('compose.acknowledgeButton') })), [parsed, unparsable, t]);
  const data = form.advancedMode ? parsed.draft.advanced?.data : undefined;
  const problems = [...parsed.problems, ...rendererProblems, ...apiProblems, ...draftProblems(parsed.draft)];
  return { parsed, card, data, problems };
}
