import type { Dispatcher, Incoming } from './dispatcher.js';
import { helpDispatcher } from '../help/help.dispatcher.js';
import { fallbackDispatcher } from '../fallback/fallback.dispatcher.js';

/** Herald's dispatch table, in order: on equal scores the earlier entry wins. */
export const DISPATCH_TABLE: readonly Dispatcher[] = [helpDispatcher, fallbackDispatcher];

/** The best-matched dispatcher for an activity, or undefined when none applies. */
export function bestMatch(incoming: Incoming, table: readonly Dispatcher[] = DISPATCH_TABLE): Dispatcher | undefined {
  let best: { dispatcher: Dispatcher; score: number } | undefined;
  for (const dispatcher of table) {
    const score = dispatcher.match(incoming);
    if (score !== undefined && (!best || score > best.score)) best = { dispatcher, score };
  }
  return best?.dispatcher;
}
