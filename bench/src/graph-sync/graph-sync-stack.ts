import { DEV_APP_ID, DEV_APP_SECRET, parseConfig } from '@herald/config';
import { busNames } from '@herald/contracts';
import { createGraphSyncApp } from '@herald/graph-sync/app';
import { graphSyncConfigSchema } from '@herald/graph-sync/config';
import { connectToNats, MessageBus } from '@herald/messaging';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';

/** teams-sim (Graph), one graph-sync app on a bus prefix and database of its own, and a bus to ask it on. */
export interface GraphSyncStack {
  sim: TeamsSim;
  bus: MessageBus;
  databaseUrl: string;
  app: Awaited<ReturnType<typeof createGraphSyncApp>>;
  close(): Promise<void>;
}

export async function startGraphSyncStack(): Promise<GraphSyncStack> {
  const prefix = uniquePrefix('bench');
  const database = await createTestDatabase('herald_bench');
  // No bot here: installs are not followed by a conversationUpdate (graph-sync answers from Graph).
  const sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, installEvents: 'never' });
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const env = {
    HERALD_BUS_PREFIX: prefix,
    DATABASE_URL: database.url,
    TEAMS_SIM_URL: sim.url,
    TEAMS_APP_CATALOG_ID: sim.teamsAppId,
    PORT: '0',
    LOG_LEVEL: 'silent',
    // No scheduled round during the bench: every sync is one the bench asked for.
    GRAPH_SYNC_INTERVAL_SECONDS: '86400',
  };
  const app = await createGraphSyncApp(parseConfig(graphSyncConfigSchema, env), createLogger({ service: 'graph-sync', level: 'silent' }));
  const bus = new MessageBus(await connectToNats({ url: NATS_URL, name: 'bench-graph-sync', logger }), busNames(prefix));
  return {
    sim,
    bus,
    databaseUrl: database.url,
    app,
    async close() {
      await app.close();
      await bus.connection.close();
      await sim.close();
      await deleteStreams(prefix);
      await database.drop();
    },
  };
}
