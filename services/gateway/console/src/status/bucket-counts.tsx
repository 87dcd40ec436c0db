import { makeStyles, tokens } from '@fluentui/react-components';
import type { NotificationEngagement, NotificationStatus } from '@herald/contracts';
import { STATUS_BUCKETS } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(9rem, 1fr))', gap: '0.75rem', margin: 0 },
  tile: { padding: '0.75rem', borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}`, margin: 0 },
  value: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, margin: 0 },
});

/** The live counts per bucket, then acknowledgements and reactions. */
export function BucketCounts({ status, engagement }: { status: NotificationStatus | null; engagement: NotificationEngagement | null }) {
  const { t, number } = useI18n();
  const styles = useStyles();
  const reactions = Object.entries(engagement?.reactions ?? {});
  return (
    <section aria-labelledby="counts-heading" data-testid="counts">
      <h2 id="counts-heading">{t('status.counts', { total: number(status?.total ?? 0) })}</h2>
      <dl className={styles.grid}>
        {STATUS_BUCKETS.map((bucket) => (
          <div key={bucket} className={styles.tile} data-testid={`count-${bucket}`} data-count={status?.buckets[bucket] ?? 0}>
            <dt>{t(`bucket.${bucket}`)}</dt>
            <dd className={styles.value}>{number(status?.buckets[bucket] ?? 0)}</dd>
          </div>
        ))}
        <div className={styles.tile} data-testid="count-acknowledged" data-count={engagement?.acknowledged ?? 0}>
          <dt>{t('status.acknowledged')}</dt>
          <dd className={styles.value}>{number(engagement?.acknowledged ?? 0)}</dd>
        </div>
        <div className={styles.tile} data-testid="count-reactions">
          <dt>{t('status.reactions')}</dt>
          <dd className={styles.value}>{reactions.length === 0 ? number(0) : reactions.map(([kind, count]) => `${kind} ${number(count)}`).join(' · ')}</dd>
        </div>
      </dl>
    </section>
  );
}
