import { makeStyles, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { FieldProblem } from '../api/problem.js';
import { useI18n } from '../i18n/i18n.js';
import { PREVIEW_BACKGROUND, PREVIEW_THEMES, type PreviewTheme } from './host-configs.js';
import { renderCard } from './render-card.js';
import './teams-card.css';

const useStyles = makeStyles({
  frame: { padding: '1rem', borderRadius: tokens.borderRadiusLarge, border: `1px solid ${tokens.colorNeutralStroke1}`, minHeight: '6rem' },
  card: { maxWidth: '32rem', borderRadius: tokens.borderRadiusMedium, overflow: 'hidden' },
});

export interface CardPreviewProps {
  card: Record<string, unknown> | null;
  data: Record<string, unknown> | undefined;
  theme: PreviewTheme;
  onThemeChange: (theme: PreviewTheme) => void;
  /** The renderer's findings, named field by field (under `root`). */
  onProblems: (problems: FieldProblem[]) => void;
  root: string;
}

/** The card as Teams shows it, rendered by the official Adaptive Cards renderer, in Teams' light, dark or high-contrast look. */
export function CardPreview({ card, data, theme, onThemeChange, onProblems, root }: CardPreviewProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = host.current;
    if (!target) return;
    target.replaceChildren();
    if (!card) return onProblems([]);
    const rendered = renderCard(card, data, theme, root);
    if (rendered.element) target.append(rendered.element);
    onProblems(rendered.problems);
  }, [card, data, theme, root, onProblems]);
  return (
    <section aria-labelledby="preview-heading" data-testid="preview-section">
      <h2 id="preview-heading">{t('preview.title')}</h2>
      <RadioGroup layout="horizontal" value={theme} onChange={(_, value) => onThemeChange(value.value as PreviewTheme)} aria-label={t('preview.theme')} data-testid="preview-theme">
        {PREVIEW_THEMES.map((option) => (
          <Radio key={option} value={option} label={t(`preview.theme.${option}`)} data-testid={`preview-theme-${option}`} />
        ))}
      </RadioGroup>
      <div className={`${styles.frame} herald-card-frame`} style={{ background: PREVIEW_BACKGROUND[theme] }} data-testid="preview-frame" data-theme={theme}>
        <div ref={host} className={styles.card} data-testid="card-preview" />
      </div>
    </section>
  );
}
