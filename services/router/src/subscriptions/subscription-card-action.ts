import { cardDataOf, deriveId, topicSchema, type InboundActivity } from '@herald/contracts';
import { botTranslatorFor } from '@herald/i18n';
import type { SubscriptionBook } from './subscription-book.js';
import { subscriptionsCardContent } from './subscriptions-card.js';

/** The topic typed into the card. */
export function topicOf(activity: InboundActivity): string {
  const topic = cardDataOf(activity)['topic'];
  return typeof topic === 'string' ? topic.trim().toLowerCase() : '';
}

/** Records a card's subscribe / unsubscribe and returns the card to show instead, in the person's language. */
export async function changeFromCard(book: SubscriptionBook, activity: InboundActivity, subscribe: boolean, cause: { id: string; now: Date }) {
  const t = botTranslatorFor(activity);
  const topic = topicSchema.safeParse(topicOf(activity));
  let notice = t('subscriptions.card.typeFirst');
  if (topic.success) {
    const changed = await book.change(activity, topic.data, subscribe, { id: deriveId('ChangeSubscription', cause.id), now: cause.now });
    const key = subscribe ? (changed ? 'subscriptions.subscribed' : 'subscriptions.card.alreadySubscribed') : changed ? 'subscriptions.unsubscribed' : 'subscriptions.card.alreadyOff';
    notice = t(key, { topic: topic.data });
  }
  return subscriptionsCardContent(await book.topicsOf(activity), t, notice);
}
