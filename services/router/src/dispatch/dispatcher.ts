import type { InboundActivity, OutboundActivity } from '@herald/contracts';

/** What a dispatcher sees: the activity and the normalised command text. */
export interface Incoming {
  activity: InboundActivity;
  command: string;
}

/**
 * One entry of the router's dispatch table. `match` scores how specifically the dispatcher
 * fits (higher wins; `undefined` = not at all); `reply` builds the answer.
 */
export interface Dispatcher {
  name: string;
  /** Shown by `help` when set. */
  command?: { text: string; description: string };
  match(incoming: Incoming): number | undefined;
  reply(incoming: Incoming, table: readonly Dispatcher[]): OutboundActivity;
}

/** Specificity scores: an exact command beats a type-only match. */
export const SCORE = { exactCommand: 100, activityType: 1 } as const;
