import { conversationEventSchema, SUBJECTS, type ConversationEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';
import { ConversationRef } from './conversation-ref.entity.js';
import { channelKey, foldDirectory, memberKey, type ConversationRefRow, type Directory, type TeamChannelRow, type TeamMemberRow } from './conversation-directory.fold.js';
import { TeamChannel } from './team-channel.entity.js';
import { TeamMember } from './team-member.entity.js';

export const CONVERSATION_REFS = 'conversation-refs';

/** Tables the projection owns (a rebuild empties them). */
export const CONVERSATION_DIRECTORY_TABLES = ['conversation_refs', 'team_channels', 'team_members'] as const;

/**
 * `conversation_refs`, `team_channels` and `team_members` from the CONVERSATIONS stream: each
 * batch loads the rows its events touch, folds the events over them, and writes them back.
 * `last_activity_at` then moves up to the conversation's latest activity marker, if the
 * conversation-activity projection saw a later one (conversation-activity.projection.ts).
 */
export function conversationRefsProjection(stream: string): Projection<ConversationEvent> {
  return {
    name: CONVERSATION_REFS,
    stream,
    filter: SUBJECTS.conversations,
    parse: (body) => conversationEventSchema.parse(body),
    async apply(em, events) {
      const directory = await loadTouchedRows(em, events.map((each) => each.event));
      for (const { event } of events) foldDirectory(directory, event);
      await writeDirectory(em, directory);
      await moveLastActivity(em, [...directory.refs.keys()]);
    },
  };
}

/** `conversation_refs.last_activity_at` of these conversations (all, without ids) moves up to their latest marker. */
export async function moveLastActivity(em: EntityManager, conversationIds?: string[]): Promise<void> {
  const move = `update conversation_refs r set last_activity_at = a.last_activity_at
     from conversation_activity a
     where a.conversation_id = r.conversation_id and a.last_activity_at > r.last_activity_at`;
  if (!conversationIds) {
    await em.execute(move);
    return;
  }
  // Ids as one jsonb parameter: the primary keys are used, whatever the batch size.
  await em.execute(`${move} and a.conversation_id in (select jsonb_array_elements_text(?::jsonb))`, [JSON.stringify(conversationIds)]);
}

/** Writes the rows back: upserts, or plain inserts into emptied tables (`into: 'empty'`, a rebuild). */
export async function writeDirectory(em: EntityManager, directory: Directory, into: 'empty' | 'existing' = 'existing'): Promise<void> {
  const batches = [
    [ConversationRef, [...directory.refs.values()]],
    [TeamChannel, [...directory.channels.values()]],
    [TeamMember, [...directory.members.values()]],
  ] as const;
  for (const [entity, rows] of batches) {
    for (let start = 0; start < rows.length; start += 1_000) {
      const slice = rows.slice(start, start + 1_000);
      await (into === 'empty' ? em.insertMany(entity as never, slice) : em.upsertMany(entity as never, slice));
    }
  }
}

/** The rows a fold of `messages` reads or changes: their conversations, renamed teams' and channels' refs, their channels and members. */
async function loadTouchedRows(em: EntityManager, messages: ConversationEvent[]): Promise<Directory> {
  const conversationIds = new Set(messages.map((message) => message.data.conversationId));
  const teamIds = new Set<string>();
  const channelIds = new Set<string>();
  for (const message of messages) {
    if (message.type === 'TeamRenamed') teamIds.add(message.data.team.id);
    if (message.type === 'ChannelRenamed') channelIds.add(message.data.channel.id);
  }
  const refs = await em.find(
    ConversationRef,
    { $or: [{ conversationId: { $in: [...conversationIds] } }, { teamId: { $in: [...teamIds] } }, { channelId: { $in: [...channelIds] } }] },
    { disableIdentityMap: true },
  );
  const directory: Directory = { refs: new Map(refs.map((row) => [row.conversationId, { ...row } as ConversationRefRow])), channels: new Map(), members: new Map() };
  const channelKeys: { teamId: string; channelId: string }[] = [];
  const memberKeys: { teamId: string; memberId: string }[] = [];
  const teamOf = new Map([...directory.refs.values()].map((row) => [row.conversationId, row.teamId]));
  for (const message of messages) {
    if (message.type.startsWith('Channel') && 'teamId' in message.data) channelKeys.push({ teamId: message.data.teamId, channelId: message.data.channel.id });
    if (message.type === 'ConversationInstalled') {
      teamOf.set(message.data.conversationId, message.data.team?.id ?? null);
      if (message.data.team && message.data.channel) channelKeys.push({ teamId: message.data.team.id, channelId: message.data.channel.id });
    }
    const teamId = teamOf.get(message.data.conversationId);
    if ((message.type === 'MembersJoined' || message.type === 'MembersLeft') && teamId) {
      for (const member of message.data.members) memberKeys.push({ teamId, memberId: member.id });
    }
  }
  if (channelKeys.length > 0) {
    for (const row of await em.find(TeamChannel, { $or: channelKeys }, { disableIdentityMap: true })) {
      directory.channels.set(channelKey(row.teamId, row.channelId), { ...row } as TeamChannelRow);
    }
  }
  if (memberKeys.length > 0) {
    for (const row of await em.find(TeamMember, { $or: memberKeys }, { disableIdentityMap: true })) {
      directory.members.set(memberKey(row.teamId, row.memberId), { ...row } as TeamMemberRow);
    }
  }
  return directory;
}
