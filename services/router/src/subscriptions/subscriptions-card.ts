import type { OutboundActivity } from '@herald/contracts';

/** The subscriptions card: what the person follows, and a box to (un)subscribe, by Action.Execute. */
export function subscriptionsCard(topics: readonly string[], notice?: string): OutboundActivity {
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: subscriptionsCardContent(topics, notice) }] };
}

export function subscriptionsCardContent(topics: readonly string[], notice?: string) {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      ...(notice ? [{ type: 'TextBlock', text: notice, weight: 'Bolder', wrap: true }] : []),
      { type: 'TextBlock', text: topics.length > 0 ? `Your topics: ${topics.join(', ')}` : 'You follow no topic yet.', wrap: true },
      { type: 'Input.Text', id: 'topic', placeholder: 'a topic, e.g. builds', label: 'Topic' },
    ],
    actions: [
      { type: 'Action.Execute', title: 'Subscribe', verb: 'subscribe' },
      { type: 'Action.Execute', title: 'Unsubscribe', verb: 'unsubscribe' },
    ],
  };
}
