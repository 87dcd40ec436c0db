import type { InboundActivity, OutboundActivity } from '@herald/contracts';
import type { BotMessageKey } from '@herald/i18n';
import type { CardActionContext } from '../card-actions/answer-card-action.js';
import type { AccountClient } from '../signin/account-client.js';

/** What a route sees: the activity and its normalised command text (see command-text.ts). */
export interface Incoming {
  activity: InboundActivity;
  command: string;
}

/** What a route fits; every selector given must hold. More selectors (a longer command) win. */
export interface Selector {
  activityType?: string;
  /** Exact invoke name, or a prefix ending in `/*` (e.g. `task/*`). */
  invokeName?: string;
  conversationTypes?: readonly ('personal' | 'groupChat' | 'channel')[];
  /** The command's first word(s); what follows is the route's arguments. */
  command?: string;
  /** The whole command text fits this pattern (e.g. a 6-digit sign-in code). */
  commandPattern?: RegExp;
  /** `verb` of an Action.Submit value or Action.Execute action; `*` for any card action, with a verb or not. */
  cardVerb?: string;
}

/**
 * One entry of the router's dispatch table (Totara's dynamic router is the model).
 * `quiet`: answer without a typing indicator first. `teamAllowed`: may run in channels and
 * group chats; otherwise the answer there is an invitation to a 1:1 chat.
 */
export interface Route {
  name: string;
  selector: Selector;
  flags: { quiet: boolean; teamAllowed: boolean; /** A card answer replaces the card acted on (Action.Submit). */ replacesCard?: boolean };
  /**
   * Listed by `help` when set: the command as typed, its argument's name and its description
   * (message keys: help is in the person's language; commands stay as typed).
   */
  help?: { usage: string; argument?: BotMessageKey; description: BotMessageKey };
  handle(incoming: Incoming, context: RouteContext): OutboundActivity | Promise<OutboundActivity>;
}

/** What handlers may use besides the activity: the table, the auth service's accounts, and what card actions use. */
export interface RouteContext extends CardActionContext {
  table: readonly Route[];
  accounts: AccountClient;
}
