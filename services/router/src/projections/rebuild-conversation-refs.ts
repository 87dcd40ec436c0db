import { conversationEventSchema, SUBJECTS } from '@herald/contracts';
import { replay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import { rebuildProjection, type MikroORM } from '@herald/persistence';
import { ConversationRef } from './conversation-ref.entity.js';
import { TeamChannel } from './team-channel.entity.js';
import { TeamMember } from './team-member.entity.js';
import { emptyDirectory, foldDirectory } from './conversation-directory.fold.js';
import { CONVERSATION_DIRECTORY_TABLES, CONVERSATION_REFS, moveLastActivity, writeDirectory } from './conversation-refs.projection.js';

/** Empties the directory tables, folds the whole CONVERSATIONS stream in memory, writes each row once, then takes the latest activity markers. */
export async function rebuildConversationRefs(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  let events = 0;
  const { position } = await rebuildProjection(database, { name: CONVERSATION_REFS, tables: CONVERSATION_DIRECTORY_TABLES }, async (em) => {
    const directory = emptyDirectory();
    let last = 0;
    for await (const batch of replay(bus, bus.names.stream('conversations').name, SUBJECTS.conversations)) {
      for (const { sequence, body } of batch) {
        foldDirectory(directory, conversationEventSchema.parse(body));
        last = sequence;
      }
      events += batch.length;
    }
    await writeDirectory(em, directory, 'empty');
    await moveLastActivity(em);
    return last;
  });
  return { events, position };
}

/** The entities the rebuild writes: the database it is given must know them. */
export const CONVERSATION_DIRECTORY_ENTITIES = [ConversationRef, TeamChannel, TeamMember];
