import { deliveryEventSchema, SUBJECTS, type DeliveryEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';
import { DeliveryLogEntry } from './delivery-log.entity.js';

export const DELIVERY_LOG = 'delivery-log';

/** Projects delivery events into `delivery_log`, a batch per transaction with the checkpoint. */
export function deliveryLogProjection(stream: string): Projection<DeliveryEvent> {
  return {
    name: DELIVERY_LOG,
    stream,
    filter: SUBJECTS.deliveries,
    parse: (body) => deliveryEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) await evolve(em, event);
    },
  };
}

async function evolve(em: EntityManager, event: DeliveryEvent): Promise<void> {
  const row = {
    commandId: event.data.commandId,
    conversationId: event.data.conversationId,
    correlationId: event.metadata.correlationId,
    occurredAt: new Date(event.metadata.occurredAt),
  };
  switch (event.type) {
    case 'DeliverySucceeded':
      await em.upsert(DeliveryLogEntry, { ...row, outcome: 'Delivered', code: null, activityId: event.data.activityId ?? null });
      return;
    case 'DeliveryFailed':
      await em.upsert(DeliveryLogEntry, { ...row, outcome: event.data.outcome, code: event.data.code, activityId: null });
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled delivery event ${(unexpected as DeliveryEvent).type}`);
    }
  }
}
