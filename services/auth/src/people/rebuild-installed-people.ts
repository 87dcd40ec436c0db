import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { installedPeopleProjection } from './installed-people.projection.js';

/** Empties `installed_people` and replays the conversation events into it. */
export function rebuildInstalledPeople(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, installedPeopleProjection(bus.names.stream('conversations').name), ['installed_people']);
}
