import { Checkbox, Field, Input, Select, Switch } from '@fluentui/react-components';
import type { ConsoleAudience, ConsoleTeamsAnswer } from '@herald/contracts';
import { useEffect, useState } from 'react';
import { useApi } from '../app/api-context.js';
import { useI18n } from '../i18n/i18n.js';
import { pageStyles } from '../pages/page-styles.js';
import { GroupPicker } from './group-picker.js';
import { ReachEstimate } from './reach-estimate.js';

type Team = ConsoleTeamsAnswer['teams'][number];

/** Whom the message goes to: teams (General or a chosen channel), members of teams, groups, everyone; with the estimated reach. */
export function AudiencePicker({ audience, onChange, invalid }: { audience: ConsoleAudience; onChange: (audience: ConsoleAudience) => void; invalid?: string | undefined }) {
  const api = useApi();
  const { t } = useI18n();
  const styles = pageStyles();
  const [search, setSearch] = useState('');
  const [teams, setTeams] = useState<Team[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => void api.teams(search).then((answer) => setTeams(answer.teams), () => setTeams([])), 250);
    return () => clearTimeout(timer);
  }, [api, search]);
  const posted = (teamId: string) => audience.teams.find((team) => team.teamId === teamId);
  const togglePost = (team: Team, on: boolean) =>
    onChange({ ...audience, teams: on ? [...audience.teams, { teamId: team.teamId, ...(team.name ? { name: team.name } : {}) }] : audience.teams.filter((chosen) => chosen.teamId !== team.teamId) });
  const setChannel = (team: Team, channelId: string) =>
    onChange({ ...audience, teams: audience.teams.map((chosen) => (chosen.teamId === team.teamId ? { teamId: chosen.teamId, ...(chosen.name ? { name: chosen.name } : {}), ...(channelId ? { channelId } : {}) } : chosen)) });
  const toggleMembers = (team: Team, on: boolean) =>
    onChange({
      ...audience,
      teamMembers: on && team.aadGroupId ? [...audience.teamMembers, { teamId: team.teamId, aadGroupId: team.aadGroupId, ...(team.name ? { name: team.name } : {}) }] : audience.teamMembers.filter((chosen) => chosen.teamId !== team.teamId),
    });
  return (
    <section className={styles.section} aria-labelledby="audience-heading" data-testid="audience">
      <h2 id="audience-heading">{t('audience.title')}</h2>
      {invalid && (
        <p role="alert" className={styles.problems}>
          {invalid}
        </p>
      )}
      <Switch checked={audience.everyone} onChange={(_, data) => onChange({ ...audience, everyone: data.checked })} label={t('audience.everyone')} data-testid="audience-everyone" />
      <Field label={t('audience.searchTeams')}>
        <Input type="search" value={search} onChange={(_, data) => setSearch(data.value)} data-testid="audience-team-search" />
      </Field>
      <ul aria-label={t('audience.teams')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {teams.map((team) => {
          const name = team.name ?? team.teamId;
          const chosen = posted(team.teamId);
          return (
            <li key={team.teamId} className={styles.row} data-testid="audience-team">
              <Checkbox checked={Boolean(chosen)} onChange={(_, data) => togglePost(team, data.checked === true)} label={t('audience.postIn', { team: name })} data-testid="audience-team-post" />
              {chosen && (
                <Select aria-label={t('audience.channelOf', { team: name })} value={chosen.channelId ?? ''} onChange={(_, data) => setChannel(team, data.value)} data-testid="audience-team-channel">
                  <option value="">{t('audience.general')}</option>
                  {team.channels
                    .filter((channel) => channel.channelId !== team.teamId)
                    .map((channel) => (
                      <option key={channel.channelId} value={channel.channelId}>
                        {channel.name ?? channel.channelId}
                      </option>
                    ))}
                </Select>
              )}
              <Checkbox
                checked={audience.teamMembers.some((member) => member.teamId === team.teamId)}
                disabled={!team.aadGroupId}
                onChange={(_, data) => toggleMembers(team, data.checked === true)}
                label={t('audience.membersOf', { team: name })}
                data-testid="audience-team-members"
              />
            </li>
          );
        })}
      </ul>
      {teams.length === 0 && <p className={styles.muted}>{t('audience.noTeams')}</p>}
      <GroupPicker groups={audience.groups} onChange={(groups) => onChange({ ...audience, groups })} />
      <ReachEstimate audience={audience} />
    </section>
  );
}
