import { deliveryEventSchema, SUBJECTS, type DeliveryEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';

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

/** The first final outcome of a command stands: a later Unknown (a redelivery that lost track) never replaces a Delivered. */
async function evolve(em: EntityManager, event: DeliveryEvent): Promise<void> {
  const outcome = event.type === 'DeliverySucceeded' ? 'Delivered' : event.data.outcome;
  const code = event.type === 'DeliverySucceeded' ? null : event.data.code;
  const activityId = event.type === 'DeliverySucceeded' ? (event.data.activityId ?? null) : null;
  await em.execute(
    `insert into delivery_log (command_id, conversation_id, outcome, code, activity_id, correlation_id, occurred_at) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (command_id) do nothing`,
    [event.data.commandId, event.data.conversationId, outcome, code, activityId, event.metadata.correlationId, event.metadata.occurredAt],
  );
}
