import type { OutboundActivity } from '@herald/contracts';
import type { Route } from '../dispatch/route.js';

/** Until the auth service owns sign-in (a later issue), say so plainly instead of failing. */
const notSetUp = (what: string): OutboundActivity => ({
  type: 'message',
  textFormat: 'plain',
  text: `${what} is not set up yet: your administrator has not connected Herald to a sign-in provider.`,
});

export const signinRoute: Route = {
  name: 'signin',
  selector: { activityType: 'message', command: 'signin' },
  flags: { quiet: true, teamAllowed: false },
  help: { usage: 'signin', description: 'Connect your account' },
  handle: () => notSetUp('Sign-in'),
};

export const signoutRoute: Route = {
  name: 'signout',
  selector: { activityType: 'message', command: 'signout' },
  flags: { quiet: true, teamAllowed: false },
  help: { usage: 'signout', description: 'Disconnect your account' },
  handle: () => notSetUp('Sign-out'),
};
