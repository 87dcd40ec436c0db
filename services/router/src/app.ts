import 'reflect-metadata';
import type { NestInterceptor } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { busNames, CONSUMERS, SUBJECTS } from '@herald/contracts';
import { connectToNats, consumerDefinition, heraldStreams, MessageBus, provisionTopology, startJetStreamConsumers } from '@herald/messaging';
import { openDatabase } from '@herald/persistence';
import { NestPinoLogger, type Logger } from '@herald/telemetry';
import type { RouterConfig } from './router.config.js';
import { RouterModule } from './router.module.js';

export interface RouterAppOptions {
  /** Interceptors around every consumer handler (metrics, fault injection in tests). */
  interceptors?: NestInterceptor[];
}

export async function createRouterApp(config: RouterConfig, logger: Logger, options: RouterAppOptions = {}): Promise<NestFastifyApplication> {
  const connection = await connectToNats({ url: config.nats.url, name: 'herald-router', logger });
  const names = busNames(config.nats.prefix);
  const consumers = [
    consumerDefinition({
      stream: names.stream('inbound').name,
      durable: CONSUMERS.routerDispatch,
      filterSubject: names.subject(SUBJECTS.activityReceived),
      ackWaitMs: config.nats.ackWaitMs,
      concurrency: 8,
    }),
  ];
  await provisionTopology(connection, { streams: heraldStreams(names), consumers });
  const database = await openDatabase({ ...config.database, entities: [], migrations: [], applicationName: 'herald-router' });
  const app = await NestFactory.create<NestFastifyApplication>(
    RouterModule.register({ bus: new MessageBus(connection, names), database, logger }),
    new FastifyAdapter(),
    { logger: new NestPinoLogger(logger) },
  );
  await startJetStreamConsumers(app, { service: 'router', connection, names, consumers, logger, interceptors: options.interceptors });
  await app.init();
  return app;
}
