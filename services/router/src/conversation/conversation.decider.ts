import {
  deriveId,
  type ConversationCommand,
  type ConversationEvent,
  type InboundActivity,
  type Metadata,
  type RecordActivity,
} from '@herald/contracts';
import { evolve, initialState, type ConversationState } from './conversation.js';
import { botChangeOf, conversationIdOf, installationOf, otherMembers, timeOf } from './conversation-facts.js';
import { channelChange, teamChange } from './team-changes.js';

/** An event before its metadata. */
export type Draft = ConversationEvent extends infer E ? (E extends ConversationEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** What every rule reads of the command. */
export interface Input {
  readonly activity: InboundActivity;
  readonly conversationId: string;
  readonly serviceUrl: string;
  /** The activity's time: Teams' `timestamp`, else when the gateway received it. */
  readonly at: string;
}

/** One rule: the facts it derives from the activity, given the state the earlier rules left. */
type Rule = (input: Input, state: ConversationState) => Draft[];

/**
 * The order of the facts. The serviceUrl comes first: an install carries it, or ServiceUrlChanged
 * is the first event, so anything reacting to a later fact already sends to the right place.
 * Each rule sees the state evolved by the facts before it, so one activity never states a fact
 * twice (an inferred install already holds the team name a `teamRenamed` carries).
 */
const RULES: readonly Rule[] = [
  installation,
  serviceUrlChange,
  membersJoined,
  membersLeft,
  channelChange,
  teamChange,
  uninstallation,
];

export function decide(command: ConversationCommand, state: ConversationState): ConversationEvent[] {
  switch (command.type) {
    case 'RecordActivity':
      return recordActivity(command, state);
    default: {
      const unexpected: never = command.type;
      throw new Error(`unknown conversation command ${String(unexpected)}`);
    }
  }
}

function recordActivity(command: RecordActivity, state: ConversationState): ConversationEvent[] {
  const { activity, verifiedServiceUrl, receivedAt } = command.data;
  const conversationId = conversationIdOf(activity);
  const input: Input = { activity, conversationId, serviceUrl: verifiedServiceUrl, at: timeOf(activity, receivedAt) };
  const events: ConversationEvent[] = [];
  let current = state;
  for (const rule of RULES) {
    for (const draft of rule(input, current)) {
      const event = { ...draft, metadata: metadataOf(command.metadata, draft.type) };
      events.push(event);
      current = evolve(current, event);
    }
  }
  return events;
}

/**
 * Ids derive from the command id and the event type (an activity yields at most one event of each
 * type): deciding the same command again yields the same ids, and JetStream's `msgID` drops the
 * second append. Keyed by type, not position, so the ids hold even if the state moved in between.
 */
function metadataOf(cause: Metadata, type: ConversationEvent['type']): Metadata {
  return {
    id: deriveId(cause.id, type),
    occurredAt: cause.occurredAt,
    correlationId: cause.correlationId,
    causationId: cause.id,
    ...(cause.traceparent ? { traceparent: cause.traceparent } : {}),
  };
}

/**
 * Installed: the bot is added, or, when no install was recorded, any other activity proves it. Teams
 * delivers activities only to bots installed in the conversation ("you can't send or receive
 * messages after an app has been uninstalled"), and its install events are unreliable (PRODUCT.md
 * item 5): a message in a conversation never seen installed, or seen uninstalled, means an install
 * was missed. An activity no later than the recorded uninstall is a straggler and proves nothing.
 */
function installation(input: Input, state: ConversationState): Draft[] {
  const bot = botChangeOf(input.activity);
  if (state.status === 'installed' || bot?.change === 'removed') return [];
  if (state.uninstalledAt !== undefined && Date.parse(input.at) <= Date.parse(state.uninstalledAt)) return [];
  const { via, upgrade } = bot ?? { via: 'inferred' as const, upgrade: false };
  const data = { ...installationOf(input.activity), serviceUrl: input.serviceUrl, via, upgrade, installedAt: input.at };
  return [{ type: 'ConversationInstalled', data }];
}

/** The token-verified serviceUrl differs from the last known one: Teams moved the conversation. */
function serviceUrlChange(input: Input, state: ConversationState): Draft[] {
  if (state.status !== 'installed' || state.serviceUrl === undefined || state.serviceUrl === input.serviceUrl) return [];
  const data = { conversationId: input.conversationId, previousServiceUrl: state.serviceUrl, serviceUrl: input.serviceUrl };
  return [{ type: 'ServiceUrlChanged', data }];
}

/** Members other than the bot, not already seen joining. */
function membersJoined(input: Input, state: ConversationState): Draft[] {
  const members = otherMembers(input.activity, 'membersAdded').filter((m) => state.members[m.id] === undefined);
  if (state.status !== 'installed' || members.length === 0) return [];
  return [{ type: 'MembersJoined', data: { conversationId: input.conversationId, members } }];
}

/**
 * Members other than the bot, whether or not Herald saw them join: the roster here is partial
 * (Teams lists no members on install), and the removal is what matters downstream.
 */
function membersLeft(input: Input, state: ConversationState): Draft[] {
  const members = otherMembers(input.activity, 'membersRemoved');
  if (state.status !== 'installed' || members.length === 0) return [];
  return [{ type: 'MembersLeft', data: { conversationId: input.conversationId, members } }];
}

/** Uninstalled: the bot is removed from an installed conversation (last: other facts come first). */
function uninstallation(input: Input, state: ConversationState): Draft[] {
  const bot = botChangeOf(input.activity);
  if (state.status !== 'installed' || bot?.change !== 'removed') return [];
  const data = { conversationId: input.conversationId, via: bot.via, upgrade: bot.upgrade, uninstalledAt: input.at };
  return [{ type: 'ConversationUninstalled', data }];
}

/** The local shape of @herald/event-sourcing's `Decider`, so this compiles before that lib exists. */
interface Decider<State, Command, Event> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

export const conversationDecider = { initialState, evolve, decide } satisfies Decider<
  ConversationState,
  ConversationCommand,
  ConversationEvent
>;
