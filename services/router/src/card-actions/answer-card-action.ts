import { cardVerbOf, type InboundActivity } from '@herald/contracts';
import { botTranslatorFor } from '@herald/i18n';
import { acknowledgedCard } from '../acknowledge/acknowledged-card.js';
import { conversationTypeOf } from '../dispatch/best-match.js';
import type { SubscriptionBook } from '../subscriptions/subscription-book.js';
import { changeFromCard } from '../subscriptions/subscription-card-action.js';
import type { AppCardActions } from './app-card-actions.js';
import type { CardAnswer } from './card-answer.js';
import type { SettingsClient } from './settings-client.js';

export interface CardActionContext {
  subscriptions: SubscriptionBook;
  settings: SettingsClient;
  apps: AppCardActions;
  /** Id of the inbound activity: what the action records derives its ids from it. */
  causeId: string;
  now: Date;
}

type Verb = { personalOnly: boolean; answer(activity: InboundActivity, context: CardActionContext): Promise<CardAnswer> };

/** The card verbs Herald owns. Every other verb goes to the integrating apps' extension point. */
const HERALD_VERBS: Record<string, Verb> = {
  subscribe: { personalOnly: true, answer: async (activity, c) => ({ card: await changeFromCard(c.subscriptions, activity, true, { id: c.causeId, now: c.now }) }) },
  unsubscribe: { personalOnly: true, answer: async (activity, c) => ({ card: await changeFromCard(c.subscriptions, activity, false, { id: c.causeId, now: c.now }) }) },
  'settings.save': { personalOnly: true, answer: (activity, c) => c.settings.card(activity, true, { id: c.causeId, now: c.now }) },
  acknowledge: { personalOnly: false, answer: (activity, c) => Promise.resolve({ card: acknowledgedCard(activity, c.now) }) },
};

/** One answer for a card action, whether it came as Action.Execute (invoke) or Action.Submit (message). */
export async function answerCardAction(activity: InboundActivity, context: CardActionContext): Promise<CardAnswer> {
  const verb = cardVerbOf(activity) ?? '';
  const owned = Object.hasOwn(HERALD_VERBS, verb) ? HERALD_VERBS[verb] : undefined;
  if (!owned) return context.apps.answer(activity, { id: context.causeId, now: context.now });
  if (owned.personalOnly && conversationTypeOf(activity) !== 'personal') return { text: botTranslatorFor(activity)('card.personalOnly') };
  return owned.answer(activity, context);
}
