import type { Route } from '../dispatch/route.js';
import { helpCard } from '../help/help.route.js';

/** Any other text: a friendly "I don't know that" with the help card (card submissions go to card-action). */
export const fallbackRoute: Route = {
  name: 'fallback',
  selector: { activityType: 'message' },
  flags: { quiet: true, teamAllowed: true },
  handle: ({ command }, { table }) => {
    return {
      ...helpCard(table),
      text: command ? `Sorry, I don't know "${command}". Here's what I can do:` : "Here's what I can do:",
      textFormat: 'plain',
    };
  },
};
