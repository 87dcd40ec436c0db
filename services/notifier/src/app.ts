import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClientCredentialsToken, ConnectorClient } from '@herald/connector-client';
import { busNames, CONSUMERS, SUBJECTS, type BusNames } from '@herald/contracts';
import { connectToNats, consumerDefinition, heraldStreams, MessageBus, provisionTopology, startJetStreamConsumers } from '@herald/messaging';
import { openDatabase } from '@herald/persistence';
import { NestPinoLogger, type Logger } from '@herald/telemetry';
import { outboundTokenTenant } from '@herald/config';
import { NOTIFIER_MIGRATIONS } from './migrations/notifier.migrations.js';
import type { NotifierConfig } from './notifier.config.js';
import { NotifierModule } from './notifier.module.js';
import { ActivitySender } from './send-activity/activity-sender.js';
import { MAX_SEND_ATTEMPTS } from './send-activity/send-activity.consumer.js';
import { DeliveryLogEntry } from './projections/delivery-log.entity.js';
import { OutboundSend } from './send-activity/outbound-send.entity.js';
import { TopicSubscription } from './projections/topic-subscription.entity.js';

export async function createNotifierApp(config: NotifierConfig, logger: Logger): Promise<NestFastifyApplication> {
  const connection = await connectToNats({ url: config.nats.url, name: 'herald-notifier', logger });
  const names = busNames(config.nats.prefix);
  const consumers = notifierConsumers(names, config.nats.ackWaitMs);
  await provisionTopology(connection, { streams: heraldStreams(names), consumers });
  const database = await openDatabase({
    ...config.database,
    entities: [OutboundSend, DeliveryLogEntry, TopicSubscription],
    migrations: NOTIFIER_MIGRATIONS,
    applicationName: 'herald-notifier',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    NotifierModule.register({ bus: new MessageBus(connection, names), database, sender: activitySender(config), logger }),
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
      maxDeliver: MAX_SEND_ATTEMPTS + 1,
      ackWaitMs,
      concurrency: 16,
    }),
    consumerDefinition({
      stream: names.stream('deliveries').name,
      durable: CONSUMERS.notifierDeliveryLog,
      filterSubject: names.subject(SUBJECTS.deliveries),
      ackWaitMs,
    }),
    consumerDefinition({
      stream: names.stream('subscriptions').name,
      durable: CONSUMERS.notifierTopicSubscriptions,
      filterSubject: names.subject(SUBJECTS.subscriptions),
      ackWaitMs,
    }),
  ];
}

function activitySender(config: NotifierConfig): ActivitySender {
  const { microsoft } = config;
  const token = new ClientCredentialsToken({
    authorityHost: microsoft.authorityHost,
    tenant: outboundTokenTenant(microsoft),
    clientId: microsoft.appId,
    clientSecret: microsoft.appPassword,
    scope: microsoft.connectorScope,
  });
  return new ActivitySender(new ConnectorClient(token, microsoft.trustedServiceUrlHosts));
}
