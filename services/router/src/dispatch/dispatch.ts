import type { OutboundActivity } from '@herald/contracts';
import { botTranslatorFor, type BotTranslate } from '@herald/i18n';
import { bestMatch, conversationTypeOf } from './best-match.js';
import type { Incoming, Route, RouteContext } from './route.js';

export interface Dispatch {
  route: Route;
  /** Send a typing indicator before the answer. */
  typing: boolean;
  /** The activity the answer replaces (PUT), for routes that update the card acted on. */
  replaces?: string | undefined;
  answer: OutboundActivity;
}

/** Picks the route and its answer; outside a 1:1 chat a route not allowed there invites to one. */
export async function dispatch(incoming: Incoming, context: RouteContext): Promise<Dispatch | undefined> {
  const route = bestMatch(incoming, context.table);
  if (!route) return undefined;
  if (!route.flags.teamAllowed && conversationTypeOf(incoming.activity) !== 'personal') {
    return { route, typing: false, answer: oneToOneHint(incoming.command, botTranslatorFor(incoming.activity)) };
  }
  const answer = await route.handle(incoming, context);
  const replaces = route.flags.replacesCard && answer.attachments?.length ? incoming.activity.replyToId : undefined;
  return { route, typing: !route.flags.quiet, answer, replaces };
}

function oneToOneHint(command: string, t: BotTranslate): OutboundActivity {
  const what = command.split(' ')[0] ?? 'that';
  return { type: 'message', textFormat: 'plain', text: t('dispatch.oneToOne', { command: what }) };
}
