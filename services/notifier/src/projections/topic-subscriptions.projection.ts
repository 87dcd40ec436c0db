import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CONSUMERS, subscriptionEventSchema, SUBJECTS, type SubscriptionEvent } from '@herald/contracts';
import { JetStreamContext, JetStreamEventPattern } from '@herald/messaging';
import { applyOnce, DATABASE, type EntityManager, type MikroORM } from '@herald/persistence';
import { TopicSubscription } from './topic-subscription.entity.js';

export const TOPIC_SUBSCRIPTIONS = 'topic-subscriptions';

/** Projects topic subscription events into `topic_subscriptions`; redelivery is a no-op. */
@Controller()
export class TopicSubscriptionsProjection {
  constructor(@Inject(DATABASE) private readonly database: MikroORM) {}

  @JetStreamEventPattern(SUBJECTS.subscriptions, { durable: CONSUMERS.notifierTopicSubscriptions })
  async handle(@Payload() payload: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const event = subscriptionEventSchema.parse(payload);
    await applyOnce(this.database, { projection: TOPIC_SUBSCRIPTIONS, sequence: context.streamSequence }, (em) => project(em, event));
  }
}

async function project(em: EntityManager, event: SubscriptionEvent): Promise<void> {
  const { subscriberKey, topic } = event.data;
  switch (event.type) {
    case 'TopicSubscribed':
      await em.upsert(TopicSubscription, {
        subscriberKey,
        topic,
        userId: event.data.userId,
        aadObjectId: event.data.aadObjectId ?? null,
        tenantId: event.data.tenantId ?? null,
        conversationId: event.data.conversationId,
        subscribedAt: new Date(event.metadata.occurredAt),
      });
      return;
    case 'TopicUnsubscribed':
      await em.nativeDelete(TopicSubscription, { subscriberKey, topic });
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled subscription event ${(unexpected as SubscriptionEvent).type}`);
    }
  }
}
