import { metadataFor, personOf, subscriptionEventSchema, SUBJECTS, type ChangeSubscription, type InboundActivity } from '@herald/contracts';
import { handleCommand, subjectToken, type EventStore } from '@herald/event-sourcing';
import { subscriptionsDecider } from './subscriptions.decider.js';

/** A person's topic subscriptions, kept as events on their own subject in SUBSCRIPTIONS. */
export class SubscriptionBook {
  constructor(private readonly events: EventStore) {}

  async topicsOf(activity: InboundActivity): Promise<string[]> {
    const { events } = await this.events.read(this.subjectOf(activity), (raw) => subscriptionEventSchema.parse(raw));
    const state = events.reduce((current, { event }) => subscriptionsDecider.evolve(current, event), subscriptionsDecider.initialState());
    return [...state.topics].sort();
  }

  /** True when it changed something (not already subscribed / was subscribed). */
  async change(activity: InboundActivity, topic: string, subscribe: boolean, cause: { id: string; now: Date }): Promise<boolean> {
    const command: ChangeSubscription = {
      type: 'ChangeSubscription',
      data: { ...subscriberOf(activity), topic, subscribe },
      metadata: metadataFor({ id: cause.id, occurredAt: cause.now }),
    };
    const subject = this.subjectOf(activity);
    const { events } = await handleCommand(this.events, subscriptionsDecider, { subject, parse: (raw) => subscriptionEventSchema.parse(raw) }, command);
    return events.length > 0;
  }

  private subjectOf(activity: InboundActivity): string {
    return SUBJECTS.subscription(subjectToken(subscriberOf(activity).subscriberKey));
  }
}

/** Keyed like settings: the person (`personOf`), in the chat the subscription was made in. */
function subscriberOf(activity: InboundActivity) {
  const { userKey, ...person } = personOf(activity);
  return { subscriberKey: userKey, ...person, conversationId: activity.conversation.id };
}
