import type { INestApplication, NestInterceptor } from '@nestjs/common';
import type { BusNames } from '@herald/contracts';
import type { Logger } from '@herald/telemetry';
import type { NatsConnection } from '@nats-io/transport-node';
import { JetStreamServer } from './jetstream.server.js';
import { StopConsumersFirst } from './messaging.module.js';
import { RethrowRpcErrors } from './rethrow-rpc-errors.filter.js';
import type { ConsumerDefinition } from './topology.js';

export interface JetStreamWiring {
  /** The service's name: queue group of its request handlers. */
  service: string;
  connection: NatsConnection;
  names: BusNames;
  consumers: ConsumerDefinition[];
  logger: Logger;
  /** Around every handler (metrics; fault injection in tests). */
  interceptors?: NestInterceptor[];
}

/**
 * Attaches the JetStream transport to a Nest app (which imports MessagingModule) and starts its
 * consumers; they are the first thing to stop when the app closes. Initialisation is deferred so
 * the error filter and interceptors apply to the handlers registered at start.
 */
export async function startJetStreamConsumers(app: INestApplication, wiring: JetStreamWiring): Promise<void> {
  const { connection, names, consumers, logger } = wiring;
  const server = new JetStreamServer({ connection, names, consumers, queue: wiring.service, logger });
  app.get(StopConsumersFirst).add(server);
  const microservice = app.connectMicroservice({ strategy: server }, { deferInitialization: true });
  microservice.useGlobalFilters(new RethrowRpcErrors());
  microservice.useGlobalInterceptors(...(wiring.interceptors ?? []));
  await app.startAllMicroservices();
}
