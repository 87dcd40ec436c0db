import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClientCredentialsToken, ConnectorClient } from '@herald/connector-client';
import { busNames, CONSUMERS, SUBJECTS, type BusNames } from '@herald/contracts';
import { connectToNats, consumerDefinition, heraldStreams, MessageBus, keepTopology, startJetStreamConsumers } from '@herald/messaging';
import { ProjectionRunner, RunningProjections } from '@herald/event-sourcing';
import { openDatabase } from '@herald/persistence';
import { NestPinoLogger, type Logger } from '@herald/telemetry';
import { outboundTokenTenant } from '@herald/config';
import { NOTIFIER_MIGRATIONS } from './migrations/notifier.migrations.js';
import type { NotifierConfig } from './notifier.config.js';
import { NotifierModule } from './notifier.module.js';
import { ConversationWindows } from './rate-governor/conversation-windows.js';
import { SendGovernor } from './rate-governor/send-governor.js';
import { TenantSendSlots } from './rate-governor/tenant-send-slots.js';
import { ActivitySender } from './send-activity/activity-sender.js';
import { DeliveryLogEntry } from './projections/delivery-log.entity.js';
import { deliveryLogProjection } from './projections/delivery-log.projection.js';
import { topicSubscriptionsProjection } from './projections/topic-subscriptions.projection.js';
import { knownConversationsProjection } from './projections/known-conversations.projection.js';
import { personPreferencesProjection } from './preferences/person-preferences.projection.js';
import { knownPeopleProjection } from './people/known-people.projection.js';
import { linkedPeopleProjection } from './people/linked-people.projection.js';
import { directoryPeopleProjection } from './directory/directory-people.projection.js';
import { notificationStatusProjection } from './notifications/notification-status.projection.js';
import { consoleMessagesProjection } from './console/messages/console-messages.projection.js';
import { notificationEngagementProjection } from './console/engagement/notification-engagement.projection.js';
import { consoleTeamsProjection } from './console/teams/console-teams.projection.js';
import { OutboundSend } from './send-activity/outbound-send.entity.js';
import { TopicSubscription } from './projections/topic-subscription.entity.js';
import { ScheduledMessages } from './scheduling/scheduled-messages.js';
import { systemClock, type Clock } from './scheduling/clock.js';
import { exportConsumers } from './exports/export-providers.js';

/** `clock`: what quiet hours, digest periods and scheduled messages are timed by (the system clock; a test moves its own). */
export async function createNotifierApp(config: NotifierConfig, logger: Logger, options: { clock?: Clock } = {}): Promise<NestFastifyApplication> {
  const connection = await connectToNats({ url: config.nats.url, name: 'herald-notifier', logger });
  const names = busNames(config.nats.prefix);
  const consumers = notifierConsumers(names, config.nats.ackWaitMs);
  await keepTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers }, logger);
  const database = await openDatabase({
    ...config.database,
    entities: [OutboundSend, DeliveryLogEntry, TopicSubscription],
    migrations: NOTIFIER_MIGRATIONS,
    applicationName: 'herald-notifier',
  });
  const bus = new MessageBus(connection, names);
  const projections = new RunningProjections([
    new ProjectionRunner(bus, database, deliveryLogProjection(names.stream('deliveries').name), logger),
    new ProjectionRunner(bus, database, topicSubscriptionsProjection(names.stream('subscriptions').name), logger),
    new ProjectionRunner(bus, database, knownConversationsProjection(names.stream('conversations').name), logger),
    new ProjectionRunner(bus, database, notificationStatusProjection(names.stream('notifications').name), logger),
    new ProjectionRunner(bus, database, personPreferencesProjection(names.stream('settings').name), logger),
    new ProjectionRunner(bus, database, knownPeopleProjection(names.stream('people').name), logger),
    new ProjectionRunner(bus, database, linkedPeopleProjection(names.stream('users').name), logger),
    new ProjectionRunner(bus, database, directoryPeopleProjection(names.stream('directory').name), logger),
    new ProjectionRunner(bus, database, consoleMessagesProjection(names.stream('console').name), logger),
    new ProjectionRunner(bus, database, notificationEngagementProjection(names.stream('interactions').name), logger),
    new ProjectionRunner(bus, database, consoleTeamsProjection(names.stream('conversations').name), logger),
  ]);
  const connector = connectorClient(config);
  const clock = options.clock ?? systemClock;
  const governor = new SendGovernor(
    new ConversationWindows(),
    new TenantSendSlots(bus, { perTenantPerSecond: config.teamsTenantRatePerSecond }),
  );
  const app = await NestFactory.create<NestFastifyApplication>(
    NotifierModule.register({ bus, database, skipGuests: config.skipGuests, callbackSecrets: config.callbackSecrets, callbackTargets: config.callbackTargets, connector, governor, sender: new ActivitySender(connector), logger, projections, scheduled: new ScheduledMessages(database, clock), clock, connectorTimeoutMs: config.connectorTimeoutMs }),
    new FastifyAdapter(),
    { logger: new NestPinoLogger(logger) },
  );
  await startJetStreamConsumers(app, { service: 'notifier', connection, names, consumers, logger });
  await app.init();
  return app;
}

function notifierConsumers(names: BusNames, ackWaitMs: number) {
  return [
    consumerDefinition({
      stream: names.stream('outbound').name,
      durable: CONSUMERS.notifierSend,
      filterSubject: names.subject(SUBJECTS.sendActivity),
      ackWaitMs,
      concurrency: 16,
    }),
    consumerDefinition({ stream: names.stream('notifications').name, durable: CONSUMERS.notifierResolve, filterSubject: names.subject(SUBJECTS.notificationRequests), ackWaitMs, concurrency: 4 }),
    consumerDefinition({ stream: names.stream('conversations').name, durable: CONSUMERS.notifierProfilePeople, filterSubject: names.subject(SUBJECTS.conversations), ackWaitMs, concurrency: 4 }),
    consumerDefinition({ stream: names.stream('outbound').name, durable: CONSUMERS.notifierSendDigest, filterSubject: names.subject(SUBJECTS.sendDigest), ackWaitMs, concurrency: 4 }),
    consumerDefinition({ stream: names.stream('notifications').name, durable: CONSUMERS.notifierChangeDelivered, filterSubject: names.subject(SUBJECTS.notificationRequests), ackWaitMs }),
    ...exportConsumers(names, ackWaitMs),
    consumerDefinition({
      stream: names.stream('deliveryRequests').name,
      durable: CONSUMERS.notifierDeliver,
      filterSubject: names.subject(SUBJECTS.deliveryRequests),
      ackWaitMs,
      concurrency: 32,
    }),
  ];
}

function connectorClient(config: NotifierConfig): ConnectorClient {
  const { microsoft } = config;
  const token = new ClientCredentialsToken({
    authorityHost: microsoft.authorityHost,
    tenant: outboundTokenTenant(microsoft),
    clientId: microsoft.appId,
    clientSecret: microsoft.appPassword,
    scope: microsoft.connectorScope,
  });
  return new ConnectorClient(token, microsoft.trustedServiceUrlHosts, config.connectorTimeoutMs);
}
