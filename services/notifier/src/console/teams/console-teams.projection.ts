import { conversationEventSchema, SUBJECTS, type ConversationEvent, type ConversationInstalled } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';

export const CONSOLE_TEAMS = 'console-teams';
export const CONSOLE_TEAMS_TABLES = ['console_teams', 'console_channels'] as const;

/**
 * `console_teams` and `console_channels`: the teams Herald is installed in — name, Microsoft 365
 * group, channels with their names — from the CONVERSATIONS stream, for the console's audience
 * picker. A team's id is its General channel's, so every team has that channel.
 */
export function consoleTeamsProjection(stream: string): Projection<ConversationEvent> {
  return {
    name: CONSOLE_TEAMS,
    stream,
    filter: SUBJECTS.conversations,
    parse: (body) => conversationEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) await project(em, event);
    },
  };
}

async function project(em: EntityManager, event: ConversationEvent): Promise<void> {
  switch (event.type) {
    case 'ConversationInstalled':
      if (event.data.kind === 'channel' && event.data.team) await installed(em, event.data);
      return;
    case 'ConversationUninstalled':
      await em.execute('update console_teams set installed = false where team_id = ?', [event.data.conversationId]);
      return;
    case 'ChannelCreated':
    case 'ChannelRenamed':
    case 'ChannelRestored':
      await channel(em, event.data.teamId, event.data.channel.id, event.data.channel.name ?? null);
      return;
    case 'ChannelDeleted':
      await em.execute('update console_channels set deleted = true where channel_id = ? and team_id = ?', [event.data.channel.id, event.data.teamId]);
      return;
    case 'TeamRenamed':
      await em.execute('update console_teams set name = ? where team_id = ?', [event.data.team.name, event.data.team.id]);
      return;
    case 'TeamDeleted':
    case 'TeamHardDeleted':
      await em.execute('update console_teams set deleted = true where team_id = ?', [event.data.team.id]);
      return;
    case 'TeamRestored':
      await em.execute('update console_teams set deleted = false where team_id = ?', [event.data.team.id]);
      return;
    default:
      return; // personal and group chats, members, archiving: not the picker's business
  }
}

async function installed(em: EntityManager, data: ConversationInstalled['data']): Promise<void> {
  const team = data.team!;
  await em.execute(
    `insert into console_teams (team_id, tenant_id, name, aad_group_id, installed) values (?, ?, ?, ?, true)
     on conflict (team_id) do update set tenant_id = coalesce(excluded.tenant_id, console_teams.tenant_id), name = coalesce(excluded.name, console_teams.name),
       aad_group_id = coalesce(excluded.aad_group_id, console_teams.aad_group_id), installed = true`,
    [team.id, data.tenantId ?? null, team.name ?? null, team.aadGroupId ?? null],
  );
  await channel(em, team.id, team.id, null);
  if (data.channel && data.channel.id !== team.id) await channel(em, team.id, data.channel.id, data.channel.name ?? null);
}

/** The channel exists (again); a name keeps the one known when this event has none. */
async function channel(em: EntityManager, teamId: string, channelId: string, name: string | null): Promise<void> {
  await em.execute(
    `insert into console_channels (channel_id, team_id, name, deleted) values (?, ?, ?, false)
     on conflict (channel_id) do update set team_id = excluded.team_id, name = coalesce(excluded.name, console_channels.name), deleted = false`,
    [channelId, teamId, name],
  );
}
