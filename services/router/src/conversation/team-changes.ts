import type { ChannelEvent, TeamEvent } from '@herald/contracts';
import type { ConversationState } from './conversation.js';
import { channelOf, teamOf } from './conversation-facts.js';
import type { Draft, Input } from './conversation.decider.js';

/**
 * Teams' `channelData.eventType` values for channels and teams (Bot Framework's
 * TeamsActivityHandler names). Matched case-insensitively: the docs' own samples send `teamrestored`.
 */
const CHANNEL_EVENTS = {
  channelcreated: 'ChannelCreated',
  channelrenamed: 'ChannelRenamed',
  channeldeleted: 'ChannelDeleted',
  channelrestored: 'ChannelRestored',
} as const satisfies Record<string, ChannelEvent['type']>;

const TEAM_EVENTS = {
  teamrenamed: 'TeamRenamed',
  teamarchived: 'TeamArchived',
  teamunarchived: 'TeamUnarchived',
  teamdeleted: 'TeamDeleted',
  teamharddeleted: 'TeamHardDeleted',
  teamrestored: 'TeamRestored',
} as const satisfies Record<string, TeamEvent['type']>;

function eventTypeOf<T extends Record<string, string>>(input: Input, table: T): T[keyof T] | undefined {
  if (input.activity.type !== 'conversationUpdate') return undefined;
  const eventType = input.activity.channelData?.eventType?.toLowerCase() ?? '';
  return Object.hasOwn(table, eventType) ? table[eventType as keyof T] : undefined;
}

/** A channel event, unless the state already shows it (a redelivered or duplicate notification). */
export function channelChange(input: Input, state: ConversationState): Draft[] {
  const type = eventTypeOf(input, CHANNEL_EVENTS);
  const channel = channelOf(input.activity);
  if (state.status !== 'installed' || !type || !channel) return [];
  const known = state.channels[channel.id];
  const data = { conversationId: input.conversationId, teamId: teamOf(input.activity)?.id ?? input.conversationId, channel };
  switch (type) {
    case 'ChannelCreated':
      return known ? [] : [{ type, data }];
    case 'ChannelRenamed': {
      const name = channel.name;
      return name === undefined || known?.name === name ? [] : [{ type, data: { ...data, channel: { ...channel, name } } }];
    }
    case 'ChannelDeleted':
      return known?.deleted ? [] : [{ type, data }];
    case 'ChannelRestored':
      return known && !known.deleted ? [] : [{ type, data }];
    default: {
      const unexpected: never = type;
      throw new Error(`unknown channel event ${String(unexpected)}`);
    }
  }
}

/** A team event, unless the state already shows it. */
export function teamChange(input: Input, state: ConversationState): Draft[] {
  const type = eventTypeOf(input, TEAM_EVENTS);
  const team = teamOf(input.activity);
  if (state.status !== 'installed' || !type || !team) return [];
  const data = { conversationId: input.conversationId, team };
  const known = state.team;
  switch (type) {
    case 'TeamRenamed': {
      const name = team.name;
      return name === undefined || known?.name === name ? [] : [{ type, data: { ...data, team: { ...team, name } } }];
    }
    case 'TeamArchived':
      return known?.archived ? [] : [{ type, data }];
    case 'TeamUnarchived':
      return known?.archived ? [{ type, data }] : [];
    case 'TeamDeleted':
      return known?.deleted ? [] : [{ type, data }];
    case 'TeamHardDeleted':
      return known?.hardDeleted ? [] : [{ type, data }];
    case 'TeamRestored':
      return known?.deleted ? [{ type, data }] : [];
    default: {
      const unexpected: never = type;
      throw new Error(`unknown team event ${String(unexpected)}`);
    }
  }
}
