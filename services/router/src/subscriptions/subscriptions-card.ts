import type { BotTranslate } from '@herald/i18n';
import { adaptiveCard } from '../cards/adaptive-card.js';

/** The subscriptions card, in the person's language: what they follow, and a box to (un)subscribe, by Action.Execute. */
export function subscriptionsCardContent(topics: readonly string[], t: BotTranslate, notice?: string) {
  return adaptiveCard(
    [
      ...(notice ? [{ type: 'TextBlock', text: notice, weight: 'Bolder', wrap: true }] : []),
      { type: 'TextBlock', text: topics.length > 0 ? t('subscriptions.card.topics', { topics: topics.join(', ') }) : t('subscriptions.card.none'), wrap: true },
      { type: 'Input.Text', id: 'topic', placeholder: t('help.topic.placeholder'), label: t('subscriptions.card.topic') },
    ],
    [
      { type: 'Action.Execute', title: t('subscriptions.card.subscribe'), verb: 'subscribe' },
      { type: 'Action.Execute', title: t('subscriptions.card.unsubscribe'), verb: 'unsubscribe' },
    ],
  );
}
