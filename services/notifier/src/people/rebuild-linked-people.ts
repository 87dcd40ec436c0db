import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { linkedPeopleProjection } from './linked-people.projection.js';

/** Empties `linked_people` and replays every sign-in and sign-out of the USERS stream into it. */
export function rebuildLinkedPeople(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, linkedPeopleProjection(bus.names.stream('users').name), ['linked_people']);
}
