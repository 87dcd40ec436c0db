import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { userLinksProjection } from './user-links.projection.js';

/** Empties `user_links` and replays every sign-in and sign-out of the USERS stream into it. */
export function rebuildUserLinks(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, userLinksProjection(bus.names.stream('users').name), ['user_links']);
}
