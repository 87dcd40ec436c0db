import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { directoryPeopleProjection, DIRECTORY_PEOPLE_TABLES } from './directory-people.projection.js';

/** Empties `directory_people` and replays the DIRECTORY stream into it. */
export function rebuildDirectoryPeople(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, directoryPeopleProjection(bus.names.stream('directory').name), DIRECTORY_PEOPLE_TABLES);
}
