import { cardDataOf, deriveId, topicSchema, type InboundActivity } from '@herald/contracts';
import type { SubscriptionBook } from './subscription-book.js';
import { subscriptionsCardContent } from './subscriptions-card.js';

/** The topic typed into the card. */
export function topicOf(activity: InboundActivity): string {
  const topic = cardDataOf(activity)['topic'];
  return typeof topic === 'string' ? topic.trim().toLowerCase() : '';
}

/** Records a card's subscribe / unsubscribe and returns the card to show instead. */
export async function changeFromCard(book: SubscriptionBook, activity: InboundActivity, subscribe: boolean, cause: { id: string; now: Date }) {
  const topic = topicSchema.safeParse(topicOf(activity));
  let notice = 'Type a topic first (letters, digits, - _ .).';
  if (topic.success) {
    const changed = await book.change(activity, topic.data, subscribe, { id: deriveId('ChangeSubscription', cause.id), now: cause.now });
    notice = subscribe ? (changed ? `Subscribed to ${topic.data}.` : `Already subscribed to ${topic.data}.`) : changed ? `Unsubscribed from ${topic.data}.` : `${topic.data} was already off.`;
  }
  return subscriptionsCardContent(await book.topicsOf(activity), notice);
}
