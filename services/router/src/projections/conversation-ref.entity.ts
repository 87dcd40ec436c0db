import { defineEntity, p } from '@herald/persistence';

/**
 * Read model: every conversation Herald was installed into, as last known — what proactive
 * messages need (serviceUrl as verified by the gateway, tenant, the user's ids). Rebuilt from
 * the CONVERSATIONS stream; other services learn about conversations from events only.
 */
export const ConversationRef = defineEntity({
  name: 'ConversationRef',
  tableName: 'conversation_refs',
  properties: {
    conversationId: p.text().primary(),
    kind: p.enum(['personal', 'groupChat', 'channel'] as const),
    tenantId: p.text().nullable(),
    serviceUrl: p.text(),
    botId: p.text().nullable(),
    userId: p.text().nullable(),
    userAadObjectId: p.text().nullable(),
    teamId: p.text().nullable(),
    teamName: p.text().nullable(),
    channelId: p.text().nullable(),
    channelName: p.text().nullable(),
    installed: p.boolean(),
    lastActivityAt: p.datetime(),
  },
});
