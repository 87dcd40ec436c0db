import type { ConversationEvent } from '@herald/contracts';

export type ConversationRefRow = {
  conversationId: string;
  kind: 'personal' | 'groupChat' | 'channel';
  tenantId: string | null;
  serviceUrl: string;
  botId: string | null;
  userId: string | null;
  userAadObjectId: string | null;
  teamId: string | null;
  teamName: string | null;
  channelId: string | null;
  channelName: string | null;
  installed: boolean;
  lastActivityAt: Date;
};

export type TeamChannelRow = { teamId: string; channelId: string; name: string | null; deleted: boolean; updatedAt: Date };

export type TeamMemberRow = { teamId: string; memberId: string; aadObjectId: string | null; name: string | null; present: boolean; updatedAt: Date };

/** The rows of the router's conversation directory a fold may touch, keyed as below. */
export interface Directory {
  refs: Map<string, ConversationRefRow>;
  /** Key: `channelKey(teamId, channelId)`. */
  channels: Map<string, TeamChannelRow>;
  /** Key: `memberKey(teamId, memberId)`. */
  members: Map<string, TeamMemberRow>;
}

export const channelKey = (teamId: string, channelId: string) => `${teamId}\n${channelId}`;
export const memberKey = (teamId: string, memberId: string) => `${teamId}\n${memberId}`;

export function emptyDirectory(): Directory {
  return { refs: new Map(), channels: new Map(), members: new Map() };
}

/**
 * One event of the CONVERSATIONS stream applied to the directory: `conversation_refs`,
 * `team_channels`, `team_members`. The live projection folds each batch over the rows it
 * loaded; a rebuild folds the whole stream over empty maps. One function, so both agree.
 * (Activity markers move `last_activity_at` further: see conversation-activity.projection.ts.)
 */
export function foldDirectory(directory: Directory, message: ConversationEvent): void {
  const at = new Date(message.metadata.occurredAt);
  const ref = directory.refs.get(message.data.conversationId);
  if (ref && ref.lastActivityAt < at) ref.lastActivityAt = at;
  switch (message.type) {
    case 'ConversationInstalled': {
      const { data } = message;
      directory.refs.set(data.conversationId, {
        conversationId: data.conversationId, kind: data.kind, tenantId: data.tenantId ?? null, serviceUrl: data.serviceUrl,
        botId: data.botId ?? null, userId: data.user?.id ?? null, userAadObjectId: data.user?.aadObjectId ?? null,
        teamId: data.team?.id ?? null, teamName: data.team?.name ?? null, channelId: data.channel?.id ?? null,
        channelName: data.channel?.name ?? null, installed: true, lastActivityAt: ref && ref.lastActivityAt > at ? ref.lastActivityAt : at,
      });
      if (data.team && data.channel) setChannel(directory, data.team.id, data.channel.id, { name: data.channel.name ?? null, deleted: false }, at);
      return;
    }
    case 'ConversationDiscovered': {
      const { data } = message;
      directory.refs.set(data.conversationId, {
        conversationId: data.conversationId, kind: data.kind, tenantId: data.tenantId, serviceUrl: data.serviceUrl, botId: data.botId ?? null,
        userId: data.user.id ?? ref?.userId ?? null, userAadObjectId: data.user.aadObjectId, teamId: null, teamName: null, channelId: null,
        channelName: null, installed: true, lastActivityAt: ref && ref.lastActivityAt > at ? ref.lastActivityAt : at,
      });
      return;
    }
    case 'ConversationUninstalled':
      if (ref) ref.installed = false;
      return;
    case 'ServiceUrlChanged':
      if (ref) ref.serviceUrl = message.data.serviceUrl;
      return;
    case 'MembersJoined':
    case 'MembersLeft':
      if (ref?.teamId) for (const member of message.data.members) setMember(directory, ref.teamId, member, message.type === 'MembersJoined', at);
      return;
    case 'ChannelCreated':
    case 'ChannelRestored':
      setChannel(directory, message.data.teamId, message.data.channel.id, { name: message.data.channel.name ?? null, deleted: false }, at);
      return;
    case 'ChannelDeleted':
      setChannel(directory, message.data.teamId, message.data.channel.id, { deleted: true }, at);
      return;
    case 'ChannelRenamed':
      setChannel(directory, message.data.teamId, message.data.channel.id, { name: message.data.channel.name }, at);
      for (const each of directory.refs.values()) if (each.channelId === message.data.channel.id) each.channelName = message.data.channel.name;
      return;
    case 'TeamRenamed':
      for (const each of directory.refs.values()) if (each.teamId === message.data.team.id) each.teamName = message.data.team.name;
      return;
    case 'TeamArchived':
    case 'TeamUnarchived':
    case 'TeamDeleted':
    case 'TeamHardDeleted':
    case 'TeamRestored':
      return;
    default: {
      const unexpected: never = message;
      throw new Error(`unhandled conversation event ${(unexpected as ConversationEvent).type}`);
    }
  }
}

function setChannel(directory: Directory, teamId: string, channelId: string, change: Partial<Pick<TeamChannelRow, 'name' | 'deleted'>>, at: Date): void {
  const key = channelKey(teamId, channelId);
  const row = directory.channels.get(key) ?? { teamId, channelId, name: null, deleted: false, updatedAt: at };
  directory.channels.set(key, { ...row, ...change, name: change.name ?? row.name, updatedAt: at });
}

function setMember(directory: Directory, teamId: string, member: { id: string; aadObjectId?: string | undefined; name?: string | undefined }, present: boolean, at: Date): void {
  const key = memberKey(teamId, member.id);
  const row = directory.members.get(key);
  directory.members.set(key, {
    teamId,
    memberId: member.id,
    aadObjectId: member.aadObjectId ?? row?.aadObjectId ?? null,
    name: member.name ?? row?.name ?? null,
    present,
    updatedAt: at,
  });
}
