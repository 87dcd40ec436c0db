import { makeStyles, tokens } from '@fluentui/react-components';

export const pageStyles = makeStyles({
  narrow: { maxWidth: '40rem', margin: '0 auto', padding: '2rem 1rem', display: 'flex', flexDirection: 'column', gap: '1rem' },
  page: { padding: '1rem 1.5rem', display: 'flex', flexDirection: 'column', gap: '1rem' },
  row: { display: 'flex', gap: '0.5rem', alignItems: 'center', flexWrap: 'wrap' },
  columns: { display: 'grid', gridTemplateColumns: 'minmax(20rem, 1fr) minmax(20rem, 1fr)', gap: '1.5rem', alignItems: 'start' },
  section: { display: 'flex', flexDirection: 'column', gap: '0.75rem', padding: '1rem', borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}` },
  muted: { color: tokens.colorNeutralForeground3 },
  problems: { color: tokens.colorPaletteRedForeground1, margin: 0, paddingLeft: '1.25rem' },
});
