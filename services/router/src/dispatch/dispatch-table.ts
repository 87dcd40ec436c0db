import type { Route } from './route.js';
import { helpRoute } from '../help/help.route.js';
import { signinCodeRoute, signinRoute, signoutRoute } from '../signin/signin.routes.js';
import { settingsRoute } from '../settings/settings.route.js';
import { fallbackRoute } from '../fallback/fallback.route.js';
import { subscribeRoute, subscriptionsRoute, unsubscribeRoute } from '../subscriptions/subscription.routes.js';
import { cardActionRoute } from '../card-actions/card-action.route.js';

/** Herald's dispatch table, in order: on equal specificity the earlier route wins. */
export const DISPATCH_TABLE: readonly Route[] = [
  helpRoute,
  signinRoute,
  signoutRoute,
  signinCodeRoute,
  settingsRoute,
  subscriptionsRoute,
  subscribeRoute,
  unsubscribeRoute,
  cardActionRoute,
  fallbackRoute,
];
