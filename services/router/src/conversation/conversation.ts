import type {
  ChannelEvent,
  ChannelRef,
  ConversationEvent,
  ConversationInstalled,
  ConversationKind,
  ConversationMember,
  TeamEvent,
  TeamRef,
} from '@herald/contracts';

/** `unknown`: no event yet. A conversation is `installed` until the bot is removed. */
export type ConversationStatus = 'unknown' | 'installed' | 'uninstalled';

export interface ChannelState {
  readonly name?: string | undefined;
  readonly deleted: boolean;
}

export interface TeamState extends TeamRef {
  readonly archived: boolean;
  /** Soft-deleted (restorable). */
  readonly deleted: boolean;
  readonly hardDeleted: boolean;
}

/** What Herald knows of one conversation, folded from its events. Plain data: it can be snapshotted. */
export interface ConversationState {
  readonly status: ConversationStatus;
  readonly conversationId?: string;
  readonly kind?: ConversationKind;
  readonly tenantId?: string | undefined;
  /** The last serviceUrl verified by a token: where replies go. */
  readonly serviceUrl?: string;
  readonly botId?: string | undefined;
  /** The person of a personal chat. */
  readonly user?: ConversationMember | undefined;
  readonly team?: TeamState | undefined;
  /** The channel a channel conversation is. */
  readonly channel?: ChannelRef | undefined;
  /** The team's channels Herald has heard of, by channel id. */
  readonly channels: Readonly<Record<string, ChannelState>>;
  /**
   * Members seen joining, by id. Partial: Teams sends no roster on install, so a member missing
   * here may still be in the conversation (the roster comes from Graph, not from this stream).
   */
  readonly members: Readonly<Record<string, ConversationMember>>;
  /** When the bot was last removed (Teams' clock when known). */
  readonly uninstalledAt?: string;
}

export function initialState(): ConversationState {
  return { status: 'unknown', channels: {}, members: {} };
}

export function evolve(state: ConversationState, event: ConversationEvent): ConversationState {
  switch (event.type) {
    case 'ConversationInstalled':
      return installed(event.data);
    case 'ConversationDiscovered': {
      const { user, ...data } = event.data;
      return installed({ ...data, ...(user.id ? { user: { ...user, id: user.id } } : {}) });
    }
    case 'ConversationUninstalled':
      return { ...state, status: 'uninstalled', uninstalledAt: event.data.uninstalledAt };
    case 'ServiceUrlChanged':
      return { ...state, serviceUrl: event.data.serviceUrl };
    case 'MembersJoined':
      return { ...state, members: { ...state.members, ...Object.fromEntries(event.data.members.map((m) => [m.id, m])) } };
    case 'MembersLeft':
      return { ...state, members: without(state.members, event.data.members) };
    case 'ChannelCreated':
    case 'ChannelRenamed':
    case 'ChannelDeleted':
    case 'ChannelRestored':
      return { ...state, channels: evolveChannels(state.channels, event) };
    case 'TeamRenamed':
    case 'TeamArchived':
    case 'TeamUnarchived':
    case 'TeamDeleted':
    case 'TeamHardDeleted':
    case 'TeamRestored':
      return { ...state, team: evolveTeam(state.team ?? teamState(event.data.team), event) };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown conversation event ${(unexpected as { type: string }).type}`);
    }
  }
}

/**
 * An install starts a fresh picture: while the bot was out, Herald heard of no members, channels
 * or team changes, so what it knew before is stale.
 */
function installed(data: Pick<ConversationInstalled['data'], 'conversationId' | 'kind' | 'tenantId' | 'serviceUrl' | 'botId' | 'user' | 'team' | 'channel'>): ConversationState {
  return {
    ...initialState(),
    status: 'installed',
    conversationId: data.conversationId,
    kind: data.kind,
    tenantId: data.tenantId,
    serviceUrl: data.serviceUrl,
    botId: data.botId,
    user: data.user,
    team: data.team && teamState(data.team),
    channel: data.channel,
  };
}

function without(members: ConversationState['members'], left: readonly ConversationMember[]): ConversationState['members'] {
  const ids = new Set(left.map((m) => m.id));
  return Object.fromEntries(Object.entries(members).filter(([id]) => !ids.has(id)));
}

function teamState(team: TeamRef): TeamState {
  return { ...team, archived: false, deleted: false, hardDeleted: false };
}

function evolveChannels(channels: ConversationState['channels'], event: ChannelEvent): ConversationState['channels'] {
  const { id, name } = event.data.channel;
  const known = channels[id];
  const named = name ?? known?.name;
  switch (event.type) {
    case 'ChannelRenamed':
      return { ...channels, [id]: { name: named, deleted: known?.deleted ?? false } };
    case 'ChannelCreated':
    case 'ChannelRestored':
      return { ...channels, [id]: { name: named, deleted: false } };
    case 'ChannelDeleted':
      return { ...channels, [id]: { name: named, deleted: true } };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown channel event ${(unexpected as { type: string }).type}`);
    }
  }
}

function evolveTeam(team: TeamState, event: TeamEvent): TeamState {
  const named: TeamState = { ...team, name: event.data.team.name ?? team.name };
  switch (event.type) {
    case 'TeamRenamed':
      return named;
    case 'TeamArchived':
      return { ...named, archived: true };
    case 'TeamUnarchived':
      return { ...named, archived: false };
    case 'TeamDeleted':
      return { ...named, deleted: true };
    case 'TeamHardDeleted':
      return { ...named, deleted: true, hardDeleted: true };
    case 'TeamRestored':
      return { ...named, deleted: false, hardDeleted: false };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown team event ${(unexpected as { type: string }).type}`);
    }
  }
}
