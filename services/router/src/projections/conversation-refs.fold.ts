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

/**
 * The same projection as `project()` in conversation-refs.projection.ts, folded in memory: a
 * rebuild starts from an empty table, so it folds the whole stream and writes each row once.
 * The e2e rebuild test proves both give identical tables.
 */
export function foldConversationRef(rows: Map<string, ConversationRefRow>, event: ConversationEvent): void {
  const at = new Date(event.metadata.occurredAt);
  const row = rows.get(event.data.conversationId);
  switch (event.type) {
    case 'ConversationInstalled': {
      const { data } = event;
      rows.set(data.conversationId, {
        conversationId: data.conversationId, kind: data.kind, tenantId: data.tenantId ?? null, serviceUrl: data.serviceUrl,
        botId: data.botId ?? null, userId: data.user?.id ?? null, userAadObjectId: data.user?.aadObjectId ?? null,
        teamId: data.team?.id ?? null, teamName: data.team?.name ?? null, channelId: data.channel?.id ?? null,
        channelName: data.channel?.name ?? null, installed: true, lastActivityAt: at,
      });
      return;
    }
    case 'ConversationUninstalled':
      if (row) Object.assign(row, { installed: false, lastActivityAt: at });
      return;
    case 'ServiceUrlChanged':
      if (row) Object.assign(row, { serviceUrl: event.data.serviceUrl, lastActivityAt: at });
      return;
    case 'ChannelRenamed':
      for (const each of rows.values()) if (each.channelId === event.data.channel.id) each.channelName = event.data.channel.name;
      return;
    case 'TeamRenamed':
      for (const each of rows.values()) if (each.teamId === event.data.team.id) each.teamName = event.data.team.name;
      return;
    default:
      if (row) row.lastActivityAt = at;
  }
}
