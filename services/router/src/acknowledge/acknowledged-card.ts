import { cardDataOf, type InboundActivity } from '@herald/contracts';
import { adaptiveCard } from '../cards/adaptive-card.js';

/**
 * The card after someone pressed an `acknowledge` button: what was acknowledged (the action's
 * `title` and `text`, which cards put in its data), who, when — and no button any more.
 * Recorded as CardAcknowledged by the interactions consumer.
 */
export function acknowledgedCard(activity: InboundActivity, now: Date): Record<string, unknown> {
  const data = cardDataOf(activity);
  const title = typeof data['title'] === 'string' ? data['title'] : undefined;
  const text = typeof data['text'] === 'string' ? data['text'] : undefined;
  const who = activity.from.name ?? 'you';
  const when = now.toISOString().slice(0, 16).replace('T', ' ');
  return adaptiveCard([
    ...(title ? [{ type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true }] : []),
    ...(text ? [{ type: 'TextBlock', text, wrap: true }] : []),
    { type: 'TextBlock', text: `✅ Acknowledged by ${who} on ${when} UTC`, color: 'Good', wrap: true },
  ]);
}
