import { asActivity } from '../card-actions/card-answer.js';
import type { Route } from '../dispatch/route.js';

/** `settings`: the person's settings card, from the auth service, which owns settings. */
export const settingsRoute: Route = {
  name: 'settings',
  selector: { activityType: 'message', command: 'settings' },
  flags: { quiet: false, teamAllowed: false },
  help: { usage: 'settings', description: 'help.command.settings' },
  handle: async ({ activity }, { settings, causeId, now }) => asActivity(await settings.card(activity, false, { id: causeId, now })),
};
