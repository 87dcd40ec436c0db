import type { MessageBus } from '@herald/messaging';
import { rebuildProjection, type MikroORM } from '@herald/persistence';
import type { Projection } from './projection-runner.js';
import { replay } from './replay.js';

/**
 * Rebuilds a projection from its stream with its own `apply`: its tables emptied, every event
 * from the stream's start applied in order, the checkpoint set to the last one — in one
 * transaction (see rebuildProjection), so the live runner then finds everything applied.
 */
export async function rebuildByReplay<E>(database: MikroORM, bus: MessageBus, projection: Projection<E>, tables: readonly string[]): Promise<{ events: number; position: number }> {
  let events = 0;
  const { position } = await rebuildProjection(database, { name: projection.name, tables }, async (em) => {
    let last = 0;
    for await (const batch of replay(bus, projection.stream, projection.filter)) {
      await projection.apply(em, batch.map(({ body, sequence }) => ({ event: projection.parse(body), sequence, subject: '' })));
      last = batch.at(-1)?.sequence ?? last;
      events += batch.length;
    }
    return last;
  });
  return { events, position };
}
