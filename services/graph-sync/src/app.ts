import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { busNames } from '@herald/contracts';
import { EventStore, ProjectionRunner, RunningProjections } from '@herald/event-sourcing';
import { GraphAppTokens, GraphGovernor, graphResourceOf } from '@herald/graph-client';
import { connectToNats, heraldStreams, MessageBus, keepTopology, startJetStreamConsumers } from '@herald/messaging';
import { openDatabase, type MikroORM } from '@herald/persistence';
import { NestPinoLogger, type Logger } from '@herald/telemetry';
import { DirectorySyncState } from './directory/directory-sync-state.js';
import { DirectorySync } from './directory/sync-directory.js';
import { SyncSchedule } from './directory/sync-schedule.js';
import { GraphClients } from './graph-clients.js';
import type { GraphSyncConfig } from './graph-sync.config.js';
import { GraphSyncModule } from './graph-sync.module.js';
import { GroupMembersCache } from './groups/group-members-cache.js';
import { GroupMembers } from './groups/group-members.js';
import { DiscoveredConversations } from './installs/discovered-conversations.js';
import { PersonalChats } from './installs/personal-chats.js';
import { TenantServiceUrls } from './installs/tenant-service-urls.js';
import { GRAPH_SYNC_MIGRATIONS } from './migrations/graph-sync.migrations.js';
import { directoryUsersProjection } from './projections/directory-users.projection.js';
import { knownTenantsProjection } from './projections/known-tenants.projection.js';

export async function createGraphSyncApp(config: GraphSyncConfig, logger: Logger): Promise<NestFastifyApplication> {
  const connection = await connectToNats({ url: config.nats.url, name: 'herald-graph-sync', logger });
  const names = busNames(config.nats.prefix);
  await keepTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers: [] }, logger);
  const database = await openDatabase({ ...config.database, entities: [], migrations: GRAPH_SYNC_MIGRATIONS, applicationName: 'herald-graph-sync' });
  const bus = new MessageBus(connection, names);
  const { microsoft } = config;
  const tokens = new GraphAppTokens({ authorityHost: microsoft.authorityHost, appId: microsoft.appId, appPassword: microsoft.appPassword, resource: graphResourceOf(microsoft.graphBaseUrl) });
  const graph = new GraphClients(tokens, microsoft.graphBaseUrl);
  const state = new DirectorySyncState(database, `graph-sync-${randomUUID()}`, config.directory.leaseSeconds);
  const sync = new DirectorySync({ state, bus, graphOf: (tenantId) => graph.forSync(tenantId), logger });
  const schedule = new SyncSchedule(sync, database, config.directory, logger);
  const projections = new RunningProjections([
    new ProjectionRunner(bus, database, directoryUsersProjection(names.stream('directory').name), logger, { batchSize: 2_000 }),
    new ProjectionRunner(bus, database, knownTenantsProjection(names.stream('conversations').name), logger),
  ]);
  const groupMembers = new GroupMembers({ cache: new GroupMembersCache(database), graphOf: (tenantId) => graph.forRequests(tenantId), cacheMs: config.groups.cacheMs });
  const personalChats = personalChatsOf(config, { bus, database, graph, logger });
  const app = await NestFactory.create<NestFastifyApplication>(
    GraphSyncModule.register({ bus, database, logger, projections, sync, schedule, graph, groupMembers, personalChats }),
    new FastifyAdapter(),
    { logger: new NestPinoLogger(logger) },
  );
  await startJetStreamConsumers(app, { service: 'graph-sync', connection, names, consumers: [], logger });
  await app.init();
  return app;
}

/** Proactive install: the governor shared with every replica, the conversations' event store, the tenants' service URLs. */
function personalChatsOf(config: GraphSyncConfig, deps: { bus: MessageBus; database: MikroORM; graph: GraphClients; logger: Logger }): PersonalChats {
  const { installs, microsoft } = config;
  if (!installs.catalogAppId) deps.logger.warn('TEAMS_APP_CATALOG_ID is not set: personal chat requests answer AppNotInCatalog');
  return new PersonalChats({
    graph: deps.graph,
    governor: new GraphGovernor(deps.bus, installs.limits),
    discovered: new DiscoveredConversations(new EventStore(deps.bus)),
    endpoints: new TenantServiceUrls(deps.database, { serviceUrl: installs.fallbackServiceUrl, botId: installs.botId }),
    options: { catalogAppId: installs.catalogAppId, graphBaseUrl: microsoft.graphBaseUrl },
    logger: deps.logger,
  });
}
