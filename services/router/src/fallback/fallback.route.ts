import { botTranslatorFor } from '@herald/i18n';
import type { Route } from '../dispatch/route.js';
import { helpCard } from '../help/help.route.js';

/** Any other text: a friendly "I don't know that" with the help card (card submissions go to card-action). */
export const fallbackRoute: Route = {
  name: 'fallback',
  selector: { activityType: 'message' },
  flags: { quiet: true, teamAllowed: true },
  handle: ({ activity, command }, { table }) => {
    const t = botTranslatorFor(activity);
    return {
      ...helpCard(table, t),
      text: command ? t('fallback.unknown', { command }) : t('fallback.empty'),
      textFormat: 'plain',
    };
  },
};
