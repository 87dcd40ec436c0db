import { adaptiveCard } from '../cards/adaptive-card.js';

/** The subscriptions card: what the person follows, and a box to (un)subscribe, by Action.Execute. */
export function subscriptionsCardContent(topics: readonly string[], notice?: string) {
  return adaptiveCard(
    [
      ...(notice ? [{ type: 'TextBlock', text: notice, weight: 'Bolder', wrap: true }] : []),
      { type: 'TextBlock', text: topics.length > 0 ? `Your topics: ${topics.join(', ')}` : 'You follow no topic yet.', wrap: true },
      { type: 'Input.Text', id: 'topic', placeholder: 'a topic, e.g. builds', label: 'Topic' },
    ],
    [
      { type: 'Action.Execute', title: 'Subscribe', verb: 'subscribe' },
      { type: 'Action.Execute', title: 'Unsubscribe', verb: 'unsubscribe' },
    ],
  );
}
