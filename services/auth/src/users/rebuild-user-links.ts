import { userEventSchema, SUBJECTS } from '@herald/contracts';
import { replay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import { rebuildProjection, type MikroORM } from '@herald/persistence';
import { USER_LINKS, userLinksProjection } from './user-links.projection.js';

/** Empties `user_links` and replays every sign-in and sign-out of the USERS stream into it. */
export async function rebuildUserLinks(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  const stream = bus.names.stream('users').name;
  const projection = userLinksProjection(stream);
  let events = 0;
  const { position } = await rebuildProjection(database, { name: USER_LINKS, tables: ['user_links'] }, async (em) => {
    let last = 0;
    for await (const batch of replay(bus, stream, SUBJECTS.users)) {
      await projection.apply(em, batch.map(({ body, sequence }) => ({ event: userEventSchema.parse(body), sequence, subject: '' })));
      last = batch.at(-1)?.sequence ?? last;
      events += batch.length;
    }
    return last;
  });
  return { events, position };
}
