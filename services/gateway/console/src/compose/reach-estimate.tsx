import { Text } from '@fluentui/react-components';
import type { ConsoleAudience, ConsoleReachAnswer } from '@herald/contracts';
import { useEffect, useState } from 'react';
import { useApi } from '../app/api-context.js';
import { useI18n } from '../i18n/i18n.js';

/** How many people (and channel posts) the audience reaches, asked again as the audience changes. */
export function ReachEstimate({ audience }: { audience: ConsoleAudience }) {
  const api = useApi();
  const { t, number } = useI18n();
  const [reach, setReach] = useState<ConsoleReachAnswer | 'failed' | null>(null);
  const empty = !audience.everyone && audience.teams.length + audience.teamMembers.length + audience.groups.length === 0;
  useEffect(() => {
    if (empty) return setReach(null);
    const timer = setTimeout(() => void api.reach(audience).then(setReach, () => setReach('failed')), 300);
    return () => clearTimeout(timer);
  }, [api, audience, empty]);
  return (
    <Text as="p" aria-live="polite" data-testid="reach">
      {empty ? t('reach.nobody') : reach === null ? t('reach.counting') : reach === 'failed' ? t('reach.failed') : reach.complete ? t('reach.estimated', { count: reach.estimated, formatted: number(reach.estimated) }) : t('reach.atLeast', { count: reach.estimated, formatted: number(reach.estimated) })}
    </Text>
  );
}
