import { conversationActiveSchema, SUBJECTS, type ConversationActive } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import { lockCheckpoint, type EntityManager } from '@herald/persistence';
import { CONVERSATION_REFS, moveLastActivity } from './conversation-refs.projection.js';

export const CONVERSATION_ACTIVITY = 'conversation-activity';

/** Tables the projection owns (a rebuild empties them). */
export const CONVERSATION_ACTIVITY_TABLES = ['conversation_activity'] as const;

/**
 * `conversation_activity` from the CONVERSATION_ACTIVITY markers: each conversation's latest
 * inbound activity, which then moves `conversation_refs.last_activity_at` forward. A marker may
 * be applied before the conversation's row exists: the conversation-refs projection takes it
 * from this table when it writes the row. Both hold the conversation-refs checkpoint lock while
 * they write, so neither misses the other's write.
 */
export function conversationActivityProjection(stream: string): Projection<ConversationActive> {
  return {
    name: CONVERSATION_ACTIVITY,
    stream,
    filter: SUBJECTS.conversationActivities,
    parse: (body) => conversationActiveSchema.parse(body),
    async apply(em, markers) {
      await lockCheckpoint(em, CONVERSATION_REFS);
      const conversationIds = await recordLatest(em, markers.map((each) => each.event));
      await moveLastActivity(em, conversationIds);
    },
  };
}

/** Upserts the newest marker of each conversation (a later one never goes back in time); returns their ids. */
export async function recordLatest(em: EntityManager, markers: ConversationActive[]): Promise<string[]> {
  const latest = new Map<string, ConversationActive['data']>();
  for (const { data } of markers) {
    const known = latest.get(data.conversationId);
    if (!known || Date.parse(known.lastActivityAt) < Date.parse(data.lastActivityAt)) latest.set(data.conversationId, data);
  }
  const rows = [...latest.values()].map((data) => ({ conversation_id: data.conversationId, activity_type: data.activityType, last_activity_at: data.lastActivityAt }));
  await em.execute(
    `insert into conversation_activity (conversation_id, activity_type, last_activity_at)
     select conversation_id, activity_type, last_activity_at from jsonb_to_recordset(?::jsonb) as x(conversation_id text, activity_type text, last_activity_at timestamptz)
     on conflict (conversation_id) do update set activity_type = excluded.activity_type, last_activity_at = excluded.last_activity_at
     where excluded.last_activity_at > conversation_activity.last_activity_at`,
    [JSON.stringify(rows)],
  );
  return [...latest.keys()];
}
