import { deriveId, metadataFor, type ChangeSubscription, type SubscriptionEvent } from '@herald/contracts';

/**
 * A person's topics: those they follow, and those they turned off (notifications on a muted topic
 * are skipped for them, whoever sends them).
 */
export interface Subscriptions {
  topics: ReadonlySet<string>;
  muted: ReadonlySet<string>;
}

export const initialState = (): Subscriptions => ({ topics: new Set(), muted: new Set() });

export function evolve(state: Subscriptions, event: SubscriptionEvent): Subscriptions {
  const topics = new Set(state.topics);
  const muted = new Set(state.muted);
  switch (event.type) {
    case 'TopicSubscribed':
      topics.add(event.data.topic);
      muted.delete(event.data.topic);
      return { topics, muted };
    case 'TopicUnsubscribed':
      topics.delete(event.data.topic);
      muted.add(event.data.topic);
      return { topics, muted };
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled subscription event ${(unexpected as SubscriptionEvent).type}`);
    }
  }
}

/** Subscribing twice, or turning off a topic already off, changes nothing. */
export function decide(command: ChangeSubscription, state: Subscriptions): SubscriptionEvent[] {
  const { subscribe, ...data } = command.data;
  if (subscribe ? state.topics.has(data.topic) : state.muted.has(data.topic)) return [];
  const type = subscribe ? 'TopicSubscribed' : 'TopicUnsubscribed';
  const metadata = metadataFor({ id: deriveId(type, command.metadata.id), cause: command.metadata, occurredAt: new Date(command.metadata.occurredAt), traceparent: command.metadata.traceparent });
  return [{ type, data, metadata }];
}

export const subscriptionsDecider = { initialState, evolve, decide };
