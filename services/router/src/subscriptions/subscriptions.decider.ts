import { deriveId, metadataFor, type ChangeSubscription, type SubscriptionEvent } from '@herald/contracts';

/** A person's topic subscriptions. */
export interface Subscriptions {
  topics: ReadonlySet<string>;
}

export const initialState = (): Subscriptions => ({ topics: new Set() });

export function evolve(state: Subscriptions, event: SubscriptionEvent): Subscriptions {
  const topics = new Set(state.topics);
  switch (event.type) {
    case 'TopicSubscribed':
      topics.add(event.data.topic);
      return { topics };
    case 'TopicUnsubscribed':
      topics.delete(event.data.topic);
      return { topics };
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled subscription event ${(unexpected as SubscriptionEvent).type}`);
    }
  }
}

/** Subscribing twice, or unsubscribing from what one does not follow, changes nothing. */
export function decide(command: ChangeSubscription, state: Subscriptions): SubscriptionEvent[] {
  const { subscribe, ...data } = command.data;
  if (subscribe === state.topics.has(data.topic)) return [];
  const type = subscribe ? 'TopicSubscribed' : 'TopicUnsubscribed';
  const metadata = metadataFor({ id: deriveId(type, command.metadata.id), cause: command.metadata, occurredAt: new Date(command.metadata.occurredAt), traceparent: command.metadata.traceparent });
  return [{ type, data, metadata }];
}

export const subscriptionsDecider = { initialState, evolve, decide };
