import type { Dispatcher } from '../dispatch/dispatcher.js';
import { SCORE } from '../dispatch/dispatcher.js';
import { helpCard } from '../help/help.dispatcher.js';

/** Any other message: a friendly "I didn't get that" with the help card. */
export const fallbackDispatcher: Dispatcher = {
  name: 'fallback',
  match: ({ activity }) => (activity.type === 'message' && activity.value === undefined ? SCORE.activityType : undefined),
  reply: ({ command }, table) => {
    const card = helpCard(table);
    return {
      ...card,
      text: command ? `Sorry, I don't know "${command}". Here's what I can do:` : "Here's what I can do:",
      textFormat: 'plain',
    };
  },
};
