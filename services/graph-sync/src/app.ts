import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, keepTopology } from '@herald/messaging';
import { NestPinoLogger, type Logger } from '@herald/telemetry';
import type { GraphSyncConfig } from './graph-sync.config.js';
import { GraphSyncModule } from './graph-sync.module.js';

export async function createGraphSyncApp(config: GraphSyncConfig, logger: Logger): Promise<NestFastifyApplication> {
  const connection = await connectToNats({ url: config.nats.url, name: 'herald-graph-sync', logger });
  const names = busNames(config.nats.prefix);
  await keepTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers: [] }, logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    GraphSyncModule.register({ bus: new MessageBus(connection, names), logger }),
    new FastifyAdapter(),
    { logger: new NestPinoLogger(logger) },
  );
  await app.init();
  return app;
}
