import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CONSUMERS, deliveryEventSchema, SUBJECTS, type DeliveryEvent } from '@herald/contracts';
import { JetStreamContext, JetStreamEventPattern } from '@herald/messaging';
import { applyOnce, DATABASE, type EntityManager, type MikroORM } from '@herald/persistence';
import { DeliveryLogEntry } from './delivery-log.entity.js';

export const DELIVERY_LOG = 'delivery-log';

/** Projects delivery events into `delivery_log`; the checkpoint makes redelivery a no-op. */
@Controller()
export class DeliveryLogProjection {
  constructor(@Inject(DATABASE) private readonly database: MikroORM) {}

  @JetStreamEventPattern(SUBJECTS.deliveries, { durable: CONSUMERS.notifierDeliveryLog })
  async handle(@Payload() payload: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const event = deliveryEventSchema.parse(payload);
    await applyOnce(this.database, { projection: DELIVERY_LOG, sequence: context.streamSequence }, (em) => evolve(em, event));
  }
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
