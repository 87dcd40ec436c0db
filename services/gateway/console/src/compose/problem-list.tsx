import type { FieldProblem } from '../api/problem.js';
import { useI18n, type I18n } from '../i18n/i18n.js';
import { pageStyles } from '../pages/page-styles.js';

/** A problem in the author's words: the field's label and what is wrong with it. */
export function describeProblem(problem: FieldProblem, t: I18n['t']): { field: string; message: string } {
  const button = /^buttons\[(\d+)\]\.(title|url)$/.exec(problem.field);
  const field = button ? t(`field.button.${button[2] as 'title' | 'url'}`, { n: Number(button[1]) + 1 }) : KNOWN_FIELDS.has(problem.field) ? t(`field.${problem.field}` as never) : problem.field;
  return { field, message: messageOf(problem, t) };
}

const KNOWN_FIELDS = new Set(['title', 'summary', 'imageUrl', 'body', 'audience', 'advanced.card', 'advanced.data', 'advanced.card.body', 'sendAt', 'timeZone']);

function messageOf(problem: FieldProblem, t: I18n['t']): string {
  if (problem.line !== undefined) return t('problem.json', { line: problem.line, column: problem.column ?? 0, detail: problem.message });
  if (problem.message === 'https') return t('problem.https');
  if (problem.message === 'required') return t('problem.required');
  if (problem.field === 'title' && problem.message.startsWith('give a title')) return t('problem.noContent');
  if (problem.field === 'audience' && problem.message.startsWith('choose at least')) return t('problem.noAudience');
  if (problem.field === 'advanced.card.body' && problem.message.includes('no body')) return t('problem.noBody');
  return problem.message;
}

/** Every problem that stops the message from being sent, named field by field. */
export function ProblemList({ problems }: { problems: FieldProblem[] }) {
  const { t } = useI18n();
  const styles = pageStyles();
  if (problems.length === 0) return null;
  return (
    <section aria-labelledby="problems-heading" data-testid="problems" role="region">
      <h2 id="problems-heading">{t('problem.heading', { count: problems.length })}</h2>
      <ul className={styles.problems}>
        {problems.map((problem, i) => {
          const { field, message } = describeProblem(problem, t);
          return (
            <li key={`${problem.field}-${i}`} data-testid="problem" data-field={problem.field}>
              <strong>{field}</strong>: {message}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The first problem of a field, for its input's validation message. */
export function problemOf(problems: FieldProblem[], field: string, t: I18n['t']): string | undefined {
  const problem = problems.find((candidate) => candidate.field === field || candidate.field.startsWith(`${field}.`) || candidate.field.startsWith(`${field}[`));
  return problem ? messageOf(problem, t) : undefined;
}
