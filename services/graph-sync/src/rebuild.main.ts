import { parseConfigOrExit } from '@herald/config';
import { runRebuildCommand } from '@herald/event-sourcing';
import { graphSyncConfigSchema } from './graph-sync.config.js';
import { GRAPH_SYNC_MIGRATIONS } from './migrations/graph-sync.migrations.js';
import { rebuildDirectoryUsers } from './projections/rebuild-directory-users.js';
import { rebuildKnownTenants } from './projections/rebuild-known-tenants.js';

/** `npm run projections:rebuild -- <name>` for graph-sync's projections. */
await runRebuildCommand({
  service: 'graph-sync',
  config: parseConfigOrExit(graphSyncConfigSchema, process.env),
  migrations: GRAPH_SYNC_MIGRATIONS,
  rebuilds: { 'directory-users': rebuildDirectoryUsers, 'known-tenants': rebuildKnownTenants },
  name: process.argv[2],
});
