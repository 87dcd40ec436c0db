import type { InvokeResponse, OutboundActivity } from '@herald/contracts';
import type { BotTranslate } from '@herald/i18n';
import { cardMessage, type adaptiveCard } from '../cards/adaptive-card.js';

/** What a card action is answered with: a card that replaces the one clicked, or a short text. */
export type CardAnswer = { card: Record<string, unknown> } | { text: string };

/** Action.Execute: the invoke response (Universal Actions): the card replaces the clicked one; a text shows instead. */
export function asInvokeResponse(answer: CardAnswer): InvokeResponse {
  if ('card' in answer) return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer.card } };
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer.text } };
}

/** Action.Submit: the activity Herald sends (a card replaces the clicked message; a text is a reply). */
export function asActivity(answer: CardAnswer): OutboundActivity {
  if ('card' in answer) return cardMessage(answer.card as ReturnType<typeof adaptiveCard>);
  return { type: 'message', textFormat: 'plain', text: answer.text };
}

/** What a card action nobody answers shows, in the person's language. */
export const notAvailable = (t: BotTranslate): CardAnswer => ({ text: t('card.notAvailable') });
