import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { DIRECTORY_USERS_TABLES, directoryUsersProjection } from './directory-users.projection.js';

/** Empties `directory_users` and replays the DIRECTORY stream into it. */
export function rebuildDirectoryUsers(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, directoryUsersProjection(bus.names.stream('directory').name), DIRECTORY_USERS_TABLES);
}
