import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { KNOWN_TENANTS_TABLES, knownTenantsProjection } from './known-tenants.projection.js';

/** Empties `known_tenants` and replays the CONVERSATIONS stream into it. */
export function rebuildKnownTenants(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, knownTenantsProjection(bus.names.stream('conversations').name), KNOWN_TENANTS_TABLES);
}
