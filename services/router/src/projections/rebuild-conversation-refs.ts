import { conversationEventSchema, SUBJECTS } from '@herald/contracts';
import { replay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import { rebuildProjection, type MikroORM } from '@herald/persistence';
import { ConversationRef } from './conversation-ref.entity.js';
import { CONVERSATION_REFS } from './conversation-refs.projection.js';
import { foldConversationRef, type ConversationRefRow } from './conversation-refs.fold.js';

const ROWS_PER_INSERT = 1_000;

/** Drops `conversation_refs`, folds the whole CONVERSATIONS stream in memory, writes each row once. */
export async function rebuildConversationRefs(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  let events = 0;
  const { position } = await rebuildProjection(database, { name: CONVERSATION_REFS, tables: ['conversation_refs'] }, async (em) => {
    const rows = new Map<string, ConversationRefRow>();
    let last = 0;
    for await (const batch of replay(bus, bus.names.stream('conversations').name, SUBJECTS.conversations)) {
      for (const { sequence, body } of batch) {
        foldConversationRef(rows, conversationEventSchema.parse(body));
        last = sequence;
      }
      events += batch.length;
    }
    const all = [...rows.values()];
    for (let start = 0; start < all.length; start += ROWS_PER_INSERT) {
      await em.insertMany(ConversationRef, all.slice(start, start + ROWS_PER_INSERT));
    }
    return last;
  });
  return { events, position };
}

/** The entity the rebuild writes: the database it is given must know it. */
export { ConversationRef } from './conversation-ref.entity.js';
