import { Problem } from '../problem-details.filter.js';

/**
 * `callbackUrl` beyond its schema (https, or http on a loopback host): plain http only in dev mode
 * (no MICROSOFT_APP_ID), where apps under test listen on 127.0.0.1. Where the URL's addresses may
 * be is checked when Herald calls it (the notifier's callback client), after resolving its name.
 */
export function checkCallbackUrl(callbackUrl: string | undefined, devMode: boolean): void {
  if (callbackUrl === undefined || devMode || new URL(callbackUrl).protocol === 'https:') return;
  throw new Problem(400, 'callbackUrl: an https URL (plain http only for a loopback host in dev mode)', {}, 'callbackUrl');
}
