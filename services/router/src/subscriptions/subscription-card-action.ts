import { deriveId, topicSchema, type InboundActivity, type InvokeResponse } from '@herald/contracts';
import type { SubscriptionBook } from './subscription-book.js';
import { subscriptionsCardContent } from './subscriptions-card.js';

/** The topic typed into the card: Action.Execute puts inputs in `action.data`, Action.Submit in `value`. */
export function topicOf(activity: InboundActivity): string {
  const value = activity.value as { topic?: unknown; action?: { data?: { topic?: unknown } } } | undefined;
  const topic = value?.action?.data?.topic ?? value?.topic;
  return typeof topic === 'string' ? topic.trim().toLowerCase() : '';
}

/** Records a card's subscribe / unsubscribe and returns the card to show instead. */
export async function changeFromCard(book: SubscriptionBook, activity: InboundActivity, subscribe: boolean, cause: { id: string; now: Date }) {
  const topic = topicSchema.safeParse(topicOf(activity));
  let notice = 'Type a topic first (letters, digits, - _ .).';
  if (topic.success) {
    const changed = await book.change(activity, topic.data, subscribe, { id: deriveId('ChangeSubscription', cause.id), now: cause.now });
    notice = subscribe ? (changed ? `Subscribed to ${topic.data}.` : `Already subscribed to ${topic.data}.`) : changed ? `Unsubscribed from ${topic.data}.` : `Not subscribed to ${topic.data}.`;
  }
  return subscriptionsCardContent(await book.topicsOf(activity), notice);
}

/** Action.Execute answer: the updated card replaces the one clicked (Universal Actions). */
export async function executeAnswer(book: SubscriptionBook, activity: InboundActivity, subscribe: boolean, cause: { id: string; now: Date }): Promise<InvokeResponse> {
  const card = await changeFromCard(book, activity, subscribe, cause);
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } };
}
