import { defineEntity, p } from '@herald/persistence';

/** Read model: the outcome of every outbound activity, rebuilt from the deliveries stream. */
export const DeliveryLogEntry = defineEntity({
  name: 'DeliveryLogEntry',
  tableName: 'delivery_log',
  properties: {
    commandId: p.string().primary(),
    conversationId: p.text(),
    outcome: p.enum(['Delivered', 'Failed', 'Unknown'] as const),
    code: p.text().nullable(),
    activityId: p.text().nullable(),
    correlationId: p.text(),
    occurredAt: p.datetime(),
  },
});
