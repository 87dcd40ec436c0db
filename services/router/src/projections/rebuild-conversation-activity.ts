import { conversationActiveSchema, SUBJECTS } from '@herald/contracts';
import { replay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import { lockCheckpoint, rebuildProjection, type MikroORM } from '@herald/persistence';
import { CONVERSATION_ACTIVITY, CONVERSATION_ACTIVITY_TABLES, recordLatest } from './conversation-activity.projection.js';
import { CONVERSATION_REFS, moveLastActivity } from './conversation-refs.projection.js';

/** Empties `conversation_activity`, replays the markers (one per conversation), moves `conversation_refs.last_activity_at` up to them. */
export async function rebuildConversationActivity(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  let events = 0;
  const { position } = await rebuildProjection(database, { name: CONVERSATION_ACTIVITY, tables: CONVERSATION_ACTIVITY_TABLES }, async (em) => {
    await lockCheckpoint(em, CONVERSATION_REFS);
    let last = 0;
    for await (const batch of replay(bus, bus.names.stream('conversationActivity').name, SUBJECTS.conversationActivities)) {
      await recordLatest(em, batch.map(({ body }) => conversationActiveSchema.parse(body)));
      last = batch.at(-1)?.sequence ?? last;
      events += batch.length;
    }
    await moveLastActivity(em);
    return last;
  });
  return { events, position };
}
