import type { Route } from '../dispatch/route.js';

/** `settings`: owned by the auth service in a later issue; until then a plain answer. */
export const settingsRoute: Route = {
  name: 'settings',
  selector: { activityType: 'message', command: 'settings' },
  flags: { quiet: true, teamAllowed: false },
  help: { usage: 'settings', description: 'Your notification settings' },
  handle: () => ({
    type: 'message',
    textFormat: 'plain',
    text: 'Settings are not set up yet: they come with sign-in, which your administrator has not connected.',
  }),
};
