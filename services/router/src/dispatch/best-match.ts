import { cardVerbOf } from '@herald/contracts';
import type { Incoming, Route, Selector } from './route.js';

/** The best-matched route for an activity: the most specific wins, the earlier on a tie. */
export function bestMatch(incoming: Incoming, table: readonly Route[]): Route | undefined {
  let best: { route: Route; score: number } | undefined;
  for (const route of table) {
    const score = specificity(route.selector, incoming);
    if (score !== undefined && (!best || score > best.score)) best = { route, score };
  }
  return best?.route;
}

/** How specifically `selector` fits (undefined: it does not). */
export function specificity(selector: Selector, { activity, command }: Incoming): number | undefined {
  let score = 0;
  if (selector.activityType !== undefined) {
    if (activity.type !== selector.activityType) return undefined;
    score += 1;
  }
  if (selector.invokeName !== undefined) {
    if (!invokeNameFits(selector.invokeName, activity.name)) return undefined;
    score += selector.invokeName.endsWith('/*') ? 2 : 3;
  }
  if (selector.conversationTypes !== undefined) {
    if (!selector.conversationTypes.includes(conversationTypeOf(activity) as never)) return undefined;
    score += 1;
  }
  if (selector.command !== undefined) {
    if (command !== selector.command && !command.startsWith(`${selector.command} `)) return undefined;
    score += 10 + selector.command.split(' ').length;
  }
  if (selector.commandPattern !== undefined) {
    if (!selector.commandPattern.test(command)) return undefined;
    score += 10;
  }
  if (selector.cardVerb !== undefined) {
    if (selector.cardVerb === '*' ? !isCardAction(activity) : cardVerbOf(activity) !== selector.cardVerb) return undefined;
    score += selector.cardVerb === '*' ? 5 : 10;
  }
  return score;
}

function invokeNameFits(wanted: string, name: string | undefined): boolean {
  return wanted.endsWith('/*') ? (name ?? '').startsWith(wanted.slice(0, -1)) : name === wanted;
}

export function conversationTypeOf(activity: Incoming['activity']): string {
  return activity.conversation.conversationType ?? 'personal';
}

/** A card's Action.Submit (a message carrying a `value` object) or Action.Execute (an `adaptiveCard/action` invoke). */
export function isCardAction(activity: Incoming['activity']): boolean {
  if (activity.type === 'invoke') return activity.name === 'adaptiveCard/action';
  return activity.type === 'message' && activity.value !== null && typeof activity.value === 'object';
}
