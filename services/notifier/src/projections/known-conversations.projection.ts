import { conversationEventSchema, SUBJECTS, type ConversationEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';

export const KNOWN_CONVERSATIONS = 'known-conversations';

/**
 * `known_conversations` and `known_channels`: the notifier's own view of where it can send (from
 * the router's conversation events; it never reads the router's tables).
 */
export function knownConversationsProjection(stream: string): Projection<ConversationEvent> {
  return {
    name: KNOWN_CONVERSATIONS,
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
    case 'ConversationInstalled': {
      const { data } = event;
      await em.execute(
        `insert into known_conversations (conversation_id, kind, tenant_id, service_url, bot_id, user_id, user_aad_object_id, team_id, installed, installed_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, true, ?)
         on conflict (conversation_id) do update set kind = excluded.kind, tenant_id = excluded.tenant_id, service_url = excluded.service_url,
           bot_id = excluded.bot_id, user_id = excluded.user_id, user_aad_object_id = excluded.user_aad_object_id, team_id = excluded.team_id,
           installed = true, installed_at = excluded.installed_at`,
        [data.conversationId, data.kind, data.tenantId ?? null, data.serviceUrl, data.botId ?? null, data.user?.id ?? null, data.user?.aadObjectId ?? null, data.team?.id ?? null, event.metadata.occurredAt],
      );
      return;
    }
    case 'ConversationDiscovered': {
      const { data } = event;
      await em.execute(
        `insert into known_conversations (conversation_id, kind, tenant_id, service_url, bot_id, user_id, user_aad_object_id, installed, installed_at)
         values (?, 'personal', ?, ?, ?, ?, ?, true, ?)
         on conflict (conversation_id) do update set kind = excluded.kind, tenant_id = excluded.tenant_id, service_url = excluded.service_url,
           bot_id = excluded.bot_id, user_id = coalesce(excluded.user_id, known_conversations.user_id), user_aad_object_id = excluded.user_aad_object_id,
           team_id = null, installed = true, installed_at = excluded.installed_at`,
        [data.conversationId, data.tenantId, data.serviceUrl, data.botId ?? null, data.user.id ?? null, data.user.aadObjectId, event.metadata.occurredAt],
      );
      return;
    }
    case 'ConversationUninstalled':
      await em.execute('update known_conversations set installed = false where conversation_id = ?', [event.data.conversationId]);
      return;
    case 'ServiceUrlChanged':
      await em.execute('update known_conversations set service_url = ? where conversation_id = ?', [event.data.serviceUrl, event.data.conversationId]);
      return;
    case 'ChannelCreated':
    case 'ChannelRenamed':
    case 'ChannelRestored':
      await em.execute(
        'insert into known_channels (channel_id, team_id, deleted) values (?, ?, false) on conflict (channel_id) do update set team_id = excluded.team_id, deleted = false',
        [event.data.channel.id, event.data.teamId],
      );
      return;
    case 'ChannelDeleted':
      await em.execute('update known_channels set deleted = true where channel_id = ? and team_id = ?', [event.data.channel.id, event.data.teamId]);
      return;
    default:
      return; // members and team changes change nothing the notifier sends by
  }
}
