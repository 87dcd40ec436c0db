import { defineEntity, p } from '@herald/persistence';

/**
 * The notifier's own record of each SendActivity command, written before and after the
 * Bot Connector call. `in_flight` found on redelivery means the earlier attempt may have
 * reached Teams: the outcome is Unknown and the POST is not blindly repeated.
 */
export const OutboundSend = defineEntity({
  name: 'OutboundSend',
  tableName: 'outbound_sends',
  properties: {
    commandId: p.string().primary(),
    conversationId: p.text(),
    state: p.enum(['in_flight', 'retrying', 'delivered', 'failed', 'unknown'] as const),
    attempts: p.integer(),
    activityId: p.text().nullable(),
    code: p.text().nullable(),
    updatedAt: p.datetime(),
  },
});
