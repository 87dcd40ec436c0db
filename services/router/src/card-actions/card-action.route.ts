import type { Route } from '../dispatch/route.js';
import { answerCardAction } from './answer-card-action.js';
import { asActivity } from './card-answer.js';

/**
 * Action.Submit (a message whose `value` holds a `verb`): answered like Action.Execute; a card
 * answer replaces the card acted on (PUT), a text answer is a reply.
 */
export const cardActionRoute: Route = {
  name: 'card-action',
  selector: { activityType: 'message', cardVerb: '*' },
  flags: { quiet: true, teamAllowed: true, replacesCard: true },
  handle: async ({ activity }, context) => asActivity(await answerCardAction(activity, context)),
};
