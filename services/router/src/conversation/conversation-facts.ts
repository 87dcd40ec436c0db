import { z } from 'zod';
import type {
  ChannelRef,
  ConversationInstalled,
  ConversationKind,
  ConversationMember,
  InboundActivity,
  TeamRef,
} from '@herald/contracts';

/**
 * What one inbound activity says, read without any state: the bot's own membership, the other
 * members, and Teams' `channelData.eventType`. Pure functions of the payload.
 */

/**
 * The aggregate id: `conversation.id` without the `;messageid=<root id>` Teams appends in channel
 * threads, so a reply in a thread belongs to its channel's conversation.
 */
export function conversationIdOf(activity: Pick<InboundActivity, 'conversation'>): string {
  return activity.conversation.id.replace(/;messageid=.*$/i, '');
}

/** `conversation.conversationType`; older payloads lack it, then `channelData.team` / `isGroup` tell. */
export function kindOf(activity: InboundActivity): ConversationKind {
  const type = activity.conversation.conversationType;
  if (type === 'personal' || type === 'groupChat' || type === 'channel') return type;
  if (activity.channelData?.team) return 'channel';
  const isGroup = activity.conversation.isGroup;
  return isGroup === true || String(isGroup).toLowerCase() === 'true' ? 'groupChat' : 'personal';
}

/** The bot itself added or removed; `upgrade` for `installationUpdate` `add-upgrade` / `remove-upgrade`. */
export type BotChange =
  | { readonly change: 'added'; readonly via: 'membersAdded' | 'installationUpdate'; readonly upgrade: boolean }
  | { readonly change: 'removed'; readonly via: 'membersRemoved' | 'installationUpdate'; readonly upgrade: boolean };

/**
 * Whether the activity adds or removes the bot itself: `installationUpdate` `add` / `add-upgrade` /
 * `remove` / `remove-upgrade` (compared case-insensitively, as the docs' C# sample does), or a
 * `conversationUpdate` whose `membersAdded` / `membersRemoved` holds `recipient.id`.
 */
export function botChangeOf(activity: InboundActivity): BotChange | undefined {
  if (activity.type === 'installationUpdate') {
    const action = activity.action?.toLowerCase() ?? '';
    const upgrade = action.endsWith('-upgrade');
    if (action === 'add' || action === 'add-upgrade') return { change: 'added', via: 'installationUpdate', upgrade };
    if (action === 'remove' || action === 'remove-upgrade') return { change: 'removed', via: 'installationUpdate', upgrade };
    return undefined;
  }
  if (activity.type !== 'conversationUpdate') return undefined;
  const isBot = (account: { id: string }) => account.id === activity.recipient?.id;
  if (activity.membersAdded?.some(isBot)) return { change: 'added', via: 'membersAdded', upgrade: false };
  if (activity.membersRemoved?.some(isBot)) return { change: 'removed', via: 'membersRemoved', upgrade: false };
  return undefined;
}

/** `membersAdded` / `membersRemoved` of a conversationUpdate, without the bot itself. */
export function otherMembers(activity: InboundActivity, list: 'membersAdded' | 'membersRemoved'): ConversationMember[] {
  if (activity.type !== 'conversationUpdate') return [];
  return (activity[list] ?? []).filter((account) => account.id !== activity.recipient?.id).map(memberOf);
}

/** The conversation as an install records it (everything but how and when). */
export function installationOf(
  activity: InboundActivity,
): Omit<ConversationInstalled['data'], 'serviceUrl' | 'via' | 'upgrade' | 'installedAt'> {
  const conversationId = conversationIdOf(activity);
  const kind = kindOf(activity);
  return defined({
    conversationId,
    kind,
    tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id,
    botId: activity.recipient?.id,
    user: kind === 'personal' ? memberOf(activity.from) : undefined,
    team: teamOf(activity),
    channel: kind === 'channel' ? ownChannelOf(activity, conversationId) : undefined,
  });
}

/** `channelData.team`. */
export function teamOf(activity: InboundActivity): TeamRef | undefined {
  const team = activity.channelData?.team;
  if (!team) return undefined;
  const aadGroupId = typeof team['aadGroupId'] === 'string' ? team['aadGroupId'] : undefined;
  return defined({ id: team.id, name: team.name, aadGroupId });
}

/** `channelData.channel`: in channel events, the channel the event is about. */
export function channelOf(activity: InboundActivity): ChannelRef | undefined {
  const channel = activity.channelData?.channel;
  return channel && defined({ id: channel.id, name: channel.name });
}

/** The channel a channel conversation is: its name from `channelData.channel` when that is this channel. */
function ownChannelOf(activity: InboundActivity, conversationId: string): ChannelRef {
  const channel = activity.channelData?.channel;
  const name = channel?.id === conversationId ? channel.name : undefined;
  return defined({ id: conversationId, name: name ?? activity.conversation.name });
}

const isoTime = z.iso.datetime({ offset: true });

/** When it happened: the activity's `timestamp` (Teams' clock) when valid, else when the gateway received it. */
export function timeOf(activity: InboundActivity, receivedAt: string): string {
  const timestamp = activity.timestamp;
  return timestamp !== undefined && isoTime.safeParse(timestamp).success ? timestamp : receivedAt;
}

function memberOf(account: { id: string; aadObjectId?: string | undefined; name?: string | undefined }): ConversationMember {
  return defined({ id: account.id, aadObjectId: account.aadObjectId, name: account.name });
}

/** The object without its `undefined` properties: events carry only what the payload held. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
