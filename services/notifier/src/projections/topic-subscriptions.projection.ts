import { subscriptionEventSchema, SUBJECTS, type SubscriptionEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';
import { TopicSubscription } from './topic-subscription.entity.js';

export const TOPIC_SUBSCRIPTIONS = 'topic-subscriptions';

/** Projects the router's topic subscription events into `topic_subscriptions` and `topic_optouts`, a batch per transaction. */
export function topicSubscriptionsProjection(stream: string): Projection<SubscriptionEvent> {
  return {
    name: TOPIC_SUBSCRIPTIONS,
    stream,
    filter: SUBJECTS.subscriptions,
    parse: (body) => subscriptionEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) await project(em, event);
    },
  };
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
      await em.execute('delete from topic_optouts where subscriber_key = ? and topic = ?', [subscriberKey, topic]);
      return;
    case 'TopicUnsubscribed':
      await em.nativeDelete(TopicSubscription, { subscriberKey, topic });
      await em.execute('insert into topic_optouts (subscriber_key, topic, unsubscribed_at) values (?, ?, ?) on conflict do nothing', [subscriberKey, topic, event.metadata.occurredAt]);
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled subscription event ${(unexpected as SubscriptionEvent).type}`);
    }
  }
}
