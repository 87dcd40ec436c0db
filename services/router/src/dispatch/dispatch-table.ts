import type { Route } from './route.js';
import { helpRoute } from '../help/help.route.js';
import { signinRoute, signoutRoute } from '../signin/signin.routes.js';
import { settingsRoute } from '../settings/settings.route.js';
import { fallbackRoute } from '../fallback/fallback.route.js';
import {
  subscribeCardRoute,
  subscribeRoute,
  subscriptionsRoute,
  unsubscribeCardRoute,
  unsubscribeRoute,
} from '../subscriptions/subscription.routes.js';

/** Herald's dispatch table, in order: on equal specificity the earlier route wins. */
export const DISPATCH_TABLE: readonly Route[] = [
  helpRoute,
  signinRoute,
  signoutRoute,
  settingsRoute,
  subscriptionsRoute,
  subscribeRoute,
  unsubscribeRoute,
  subscribeCardRoute,
  unsubscribeCardRoute,
  fallbackRoute,
];
