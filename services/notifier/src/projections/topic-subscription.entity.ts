import { defineEntity, p } from '@herald/persistence';

/**
 * Read model: who follows which topic, from the router's TopicSubscribed/TopicUnsubscribed
 * events, so the notifier can skip (muted) recipients of a topic they left.
 */
export const TopicSubscription = defineEntity({
  name: 'TopicSubscription',
  tableName: 'topic_subscriptions',
  properties: {
    subscriberKey: p.text().primary(),
    topic: p.text().primary(),
    userId: p.text(),
    aadObjectId: p.text().nullable(),
    tenantId: p.text().nullable(),
    conversationId: p.text(),
    subscribedAt: p.datetime(),
  },
});
