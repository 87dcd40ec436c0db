import { z } from 'zod';
import { messageSchema } from './envelope.js';

/** Who subscribes: the Entra user when known (stable across bots), else the `29:` id of the chat. */
const subscriber = {
  subscriberKey: z.string().min(1),
  userId: z.string().min(1),
  aadObjectId: z.string().optional(),
  tenantId: z.string().optional(),
  /** The personal chat the subscription was made in. */
  conversationId: z.string().min(1),
};

/** A topic name as people type it: lower-case letters, digits, `-`, `_`, `.`; up to 64. */
export const topicSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/);

export const topicSubscribedSchema = messageSchema('TopicSubscribed', z.object({ ...subscriber, topic: topicSchema }));
export type TopicSubscribed = z.infer<typeof topicSubscribedSchema>;

export const topicUnsubscribedSchema = messageSchema('TopicUnsubscribed', z.object({ ...subscriber, topic: topicSchema }));
export type TopicUnsubscribed = z.infer<typeof topicUnsubscribedSchema>;

export const subscriptionEventSchema = z.discriminatedUnion('type', [topicSubscribedSchema, topicUnsubscribedSchema]);
export type SubscriptionEvent = z.infer<typeof subscriptionEventSchema>;

/** Command: a person asked to (un)subscribe from a topic. */
export const changeSubscriptionSchema = messageSchema(
  'ChangeSubscription',
  z.object({ ...subscriber, topic: topicSchema, subscribe: z.boolean() }),
);
export type ChangeSubscription = z.infer<typeof changeSubscriptionSchema>;
