import { cardDataOf, type InboundActivity } from '@herald/contracts';
import { botTranslatorFor, formatDateTime, timeZoneOfActivity } from '@herald/i18n';
import { adaptiveCard } from '../cards/adaptive-card.js';

/**
 * The card after someone pressed an `acknowledge` button: what was acknowledged (the action's
 * `title` and `text`, which cards put in its data), who, when — and no button any more. The
 * line is in the language of whoever acknowledged, the moment in their locale and time zone
 * (Teams' `clientInfo`; UTC when unknown). Recorded as CardAcknowledged by the interactions consumer.
 */
export function acknowledgedCard(activity: InboundActivity, now: Date): Record<string, unknown> {
  const t = botTranslatorFor(activity);
  const data = cardDataOf(activity);
  const title = typeof data['title'] === 'string' ? data['title'] : undefined;
  const text = typeof data['text'] === 'string' ? data['text'] : undefined;
  const who = activity.from.name ?? t('acknowledged.someone');
  const when = formatDateTime(t.locale, now, { timeZone: timeZoneOfActivity(activity) });
  return adaptiveCard([
    ...(title ? [{ type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true }] : []),
    ...(text ? [{ type: 'TextBlock', text, wrap: true }] : []),
    { type: 'TextBlock', text: t('acknowledged.by', { who, when }), color: 'Good', wrap: true },
  ]);
}
