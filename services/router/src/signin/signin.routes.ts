import { SUBJECTS } from '@herald/contracts';
import type { Route } from '../dispatch/route.js';

/** `signin`: the auth service's OAuth card (Teams tries single sign-on with it first, then shows its button). */
export const signinRoute: Route = {
  name: 'signin',
  selector: { activityType: 'message', command: 'signin' },
  flags: { quiet: false, teamAllowed: false },
  help: { usage: 'signin', description: 'help.command.signin' },
  handle: ({ activity }, { accounts, causeId, now }) => accounts.answer(SUBJECTS.signinRequest, activity, { id: causeId, now }),
};

/** `signout`: the auth service ends the link to the account. */
export const signoutRoute: Route = {
  name: 'signout',
  selector: { activityType: 'message', command: 'signout' },
  flags: { quiet: false, teamAllowed: false },
  help: { usage: 'signout', description: 'help.command.signout' },
  handle: ({ activity }, { accounts, causeId, now }) => accounts.answer(SUBJECTS.signoutRequest, activity, { id: causeId, now }),
};

/** A 6-digit code alone: the sign-in page's code, typed where its window did not hand it to Teams. */
export const signinCodeRoute: Route = {
  name: 'signin-code',
  selector: { activityType: 'message', commandPattern: /^\d{6}$/ },
  flags: { quiet: false, teamAllowed: false },
  handle: ({ activity }, { accounts, causeId, now }) => accounts.answer(SUBJECTS.signinCodeRequest, activity, { id: causeId, now }),
};
