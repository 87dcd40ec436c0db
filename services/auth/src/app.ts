import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, keepTopology, startJetStreamConsumers } from '@herald/messaging';
import { EventStore } from '@herald/event-sourcing';
import { NestPinoLogger, type Logger } from '@herald/telemetry';
import type { AuthConfig } from './auth.config.js';
import { AuthModule } from './auth.module.js';
import { SettingsBook } from './settings/settings-book.js';

export async function createAuthApp(config: AuthConfig, logger: Logger): Promise<NestFastifyApplication> {
  const connection = await connectToNats({ url: config.nats.url, name: 'herald-auth', logger });
  const names = busNames(config.nats.prefix);
  await keepTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers: [] }, logger);
  const bus = new MessageBus(connection, names);
  const settings = new SettingsBook(new EventStore(bus, { stream: names.stream('settings').name }));
  const app = await NestFactory.create<NestFastifyApplication>(
    AuthModule.register({ bus, settings, logger }),
    new FastifyAdapter(),
    { logger: new NestPinoLogger(logger) },
  );
  await startJetStreamConsumers(app, { service: 'auth', connection, names, consumers: [], logger });
  await app.init();
  return app;
}
