import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, keepTopology } from '@herald/messaging';
import { NestPinoLogger, type Logger } from '@herald/telemetry';
import type { GatewayConfig } from './gateway.config.js';
import { CallerAuthentication } from './activity/receive-activity/caller-authentication.hook.js';
import { registerConsolePages } from './console-pages/console-pages.js';
import { GatewayModule } from './gateway.module.js';
import { clientErrorAsProblem, frameworkErrorAsProblem } from './problem-details.filter.js';

/** Bot Framework caps an activity far below this; anything larger is refused with 413. */
const BODY_LIMIT_BYTES = 256 * 1024;

export async function createGatewayApp(config: GatewayConfig, logger: Logger): Promise<NestFastifyApplication> {
  const connection = await connectToNats({ url: config.nats.url, name: 'herald-gateway', logger });
  const names = busNames(config.nats.prefix);
  await keepTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers: [] }, logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register({ config, bus: new MessageBus(connection, names), logger }),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, frameworkErrors: frameworkErrorAsProblem, clientErrorHandler: clientErrorAsProblem }),
    { logger: new NestPinoLogger(logger) },
  );
  // POST /api/messages: the token is checked before Fastify reads or parses the body.
  app.getHttpAdapter().getInstance().addHook('onRequest', app.get(CallerAuthentication).onRequest);
  // The messages console's pages (static, built by `npm run build`); its API is under /api/v1/console.
  registerConsolePages(app.getHttpAdapter().getInstance(), config.consolePages);
  await app.init();
  return app;
}
