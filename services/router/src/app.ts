import 'reflect-metadata';
import type { NestInterceptor } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { busNames, CONSUMERS, SUBJECTS, type BusNames } from '@herald/contracts';
import { EventStore, ProjectionRunner, RunningProjections } from '@herald/event-sourcing';
import { connectToNats, consumerDefinition, heraldStreams, MessageBus, keepTopology, startJetStreamConsumers } from '@herald/messaging';
import { openDatabase } from '@herald/persistence';
import { NestPinoLogger, type Logger } from '@herald/telemetry';
import { ROUTER_MIGRATIONS } from './migrations/router.migrations.js';
import { conversationActivityProjection } from './projections/conversation-activity.projection.js';
import { conversationRefsProjection } from './projections/conversation-refs.projection.js';
import { CONVERSATION_DIRECTORY_ENTITIES } from './projections/rebuild-conversation-refs.js';
import type { RouterConfig } from './router.config.js';
import { RouterModule } from './router.module.js';
import { SubscriptionBook } from './subscriptions/subscription-book.js';
import { ActivityMarkers } from './conversation/activity-markers.js';

export interface RouterAppOptions {
  /** Interceptors around every consumer handler (metrics, fault injection in tests). */
  interceptors?: NestInterceptor[];
}

export async function createRouterApp(config: RouterConfig, logger: Logger, options: RouterAppOptions = {}): Promise<NestFastifyApplication> {
  const connection = await connectToNats({ url: config.nats.url, name: 'herald-router', logger });
  const names = busNames(config.nats.prefix);
  const consumers = routerConsumers(names, config.nats.ackWaitMs);
  await keepTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers }, logger);
  const database = await openDatabase({ ...config.database, entities: CONVERSATION_DIRECTORY_ENTITIES, migrations: ROUTER_MIGRATIONS, applicationName: 'herald-router' });
  const bus = new MessageBus(connection, names);
  const events = new EventStore(bus, { stream: names.stream('conversations').name });
  const markers = new ActivityMarkers(new EventStore(bus, { stream: names.stream('conversationActivity').name }));
  const subscriptions = new SubscriptionBook(new EventStore(bus, { stream: names.stream('subscriptions').name }));
  const projections = new RunningProjections([
    new ProjectionRunner(bus, database, conversationRefsProjection(names.stream('conversations').name), logger),
    new ProjectionRunner(bus, database, conversationActivityProjection(names.stream('conversationActivity').name), logger),
  ]);
  const app = await NestFactory.create<NestFastifyApplication>(RouterModule.register({ bus, events, markers, subscriptions, database, logger, projections }), new FastifyAdapter(), {
    logger: new NestPinoLogger(logger),
  });
  await startJetStreamConsumers(app, { service: 'router', connection, names, consumers, logger, interceptors: options.interceptors });
  await app.init();
  return app;
}

function routerConsumers(names: BusNames, ackWaitMs: number) {
  const inbound = names.stream('inbound').name;
  return [
    consumerDefinition({ stream: inbound, durable: CONSUMERS.routerDispatch, filterSubject: names.subject(SUBJECTS.activityReceived), ackWaitMs, concurrency: 8 }),
    // Conversations are written with optimistic concurrency: concurrent activities of one conversation retry.
    consumerDefinition({ stream: inbound, durable: CONSUMERS.routerConversations, filterSubject: names.subject(SUBJECTS.activityReceived), ackWaitMs, concurrency: 8 }),
    consumerDefinition({ stream: inbound, durable: CONSUMERS.routerInteractions, filterSubject: names.subject(SUBJECTS.activityReceived), ackWaitMs, concurrency: 8 }),
    // The welcome answers the install activity itself: it speaks that activity's language.
    consumerDefinition({ stream: inbound, durable: CONSUMERS.routerWelcome, filterSubject: names.subject(SUBJECTS.activityReceived), ackWaitMs, concurrency: 4 }),
  ];
}
