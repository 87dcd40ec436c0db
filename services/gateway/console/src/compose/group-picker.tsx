import { Button, Field, Input } from '@fluentui/react-components';
import type { ConsoleAudience } from '@herald/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../app/api-context.js';
import type { GroupsAnswer } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBar } from '../pages/error-bar.js';
import { pageStyles } from '../pages/page-styles.js';

type Groups = ConsoleAudience['groups'];

/** Entra groups, found by name through graph-sync's group search; their members get the message. */
export function GroupPicker({ groups, onChange }: { groups: Groups; onChange: (groups: Groups) => void }) {
  const api = useApi();
  const { t } = useI18n();
  const styles = pageStyles();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<GroupsAnswer['value']>([]);
  const [error, setError] = useState<unknown>(null);
  const find = (event: FormEvent) => {
    event.preventDefault();
    if (!search.trim()) return;
    api.groups(search.trim()).then((answer) => (setFound(answer.value), setError(null)), setError);
  };
  const add = (group: GroupsAnswer['value'][number]) => {
    if (!groups.some((chosen) => chosen.groupId === group.id)) onChange([...groups, { groupId: group.id, ...(group.displayName ? { name: group.displayName } : {}) }]);
  };
  return (
    <div className={styles.section} role="group" aria-labelledby="groups-heading">
      <h3 id="groups-heading">{t('audience.groups')}</h3>
      <form className={styles.row} onSubmit={find} role="search">
        <Field label={t('audience.searchGroups')}>
          <Input type="search" value={search} onChange={(_, data) => setSearch(data.value)} data-testid="audience-group-search" />
        </Field>
        <Button type="submit" data-testid="audience-group-find">
          {t('action.search')}
        </Button>
      </form>
      <ErrorBar error={error} />
      <ul aria-label={t('audience.foundGroups')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {found.map((group) => (
          <li key={group.id} className={styles.row} data-testid="audience-group-found">
            <span>{group.displayName ?? group.id}</span>
            <Button size="small" onClick={() => add(group)} disabled={groups.some((chosen) => chosen.groupId === group.id)} aria-label={t('audience.addGroup', { group: group.displayName ?? group.id })}>
              {t('action.add')}
            </Button>
          </li>
        ))}
      </ul>
      {groups.length > 0 && (
        <ul aria-label={t('audience.chosenGroups')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {groups.map((group) => (
            <li key={group.groupId} className={styles.row} data-testid="audience-group-chosen">
              <span>{group.name ?? group.groupId}</span>
              <Button size="small" onClick={() => onChange(groups.filter((chosen) => chosen.groupId !== group.groupId))} aria-label={t('audience.removeGroup', { group: group.name ?? group.groupId })}>
                {t('action.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
