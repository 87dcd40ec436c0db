import { metadataFor } from '@herald/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_APP_ID, DEV_APP_SECRET, parseConfig } from '@herald/config';
import { busNames } from '@herald/contracts';
import { connectToNats, MessageBus } from '@herald/messaging';
import { openDatabase, type MikroORM } from '@herald/persistence';
import { startTeamsSim, type TeamsSim, type TeamsSimOptions } from '@herald/teams-sim';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { createGraphSyncApp } from './app.js';
import { graphSyncConfigSchema } from './graph-sync.config.js';
import { GRAPH_SYNC_MIGRATIONS } from './migrations/graph-sync.migrations.js';

/** graph-sync against teams-sim, its own bus prefix and database; a test's view of its bus and schema. */
export interface GraphSyncHarness {
  sim: TeamsSim;
  bus: MessageBus;
  database: MikroORM;
  /** A request/reply: `data` sent as a `type` message, as MessageBus.request sends it; the answer's body. */
  ask(subject: string, type: string, data: object, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

export async function startGraphSync(label: string, env: Record<string, string> = {}, simOptions: Partial<TeamsSimOptions> = {}): Promise<GraphSyncHarness> {
  const logger = createLogger({ service: 'graph-sync', level: 'warn' });
  const prefix = uniquePrefix(label);
  const sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, ...simOptions });
  const testDatabase = await createTestDatabase(label);
  const config = { HERALD_BUS_PREFIX: prefix, DATABASE_URL: testDatabase.url, TEAMS_SIM_URL: sim.url, PORT: '0', GRAPH_SYNC_INTERVAL_SECONDS: '3600', ...env };
  const app: NestFastifyApplication = await createGraphSyncApp(parseConfig(graphSyncConfigSchema, config), logger);
  const database = await openDatabase({ url: testDatabase.url, schema: 'graph_sync', entities: [], migrations: GRAPH_SYNC_MIGRATIONS, applicationName: `${label}-test` });
  const bus = new MessageBus(await connectToNats({ url: NATS_URL, name: `${label}-test`, logger }), busNames(prefix));
  return {
    sim,
    bus,
    database,
    ask(subject, type, data, timeoutMs = 30_000) {
      return bus.request(subject, { type, data, metadata: metadataFor({ occurredAt: new Date() }) }, timeoutMs);
    },
    async close() {
      await app.close();
      await bus.connection.drain();
      await database.close();
      await sim.close();
      await deleteStreams(prefix);
      await testDatabase.drop();
    },
  };
}
