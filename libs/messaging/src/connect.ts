import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@herald/telemetry';

export type { NatsConnection } from '@nats-io/transport-node';

/** Connects to NATS and keeps reconnecting for as long as the process lives. */
export async function connectToNats(options: { url: string; name: string; logger: Logger }): Promise<NatsConnection> {
  const connection = await connect({
    servers: options.url.split(','),
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: false,
    // nats.js otherwise builds two Error objects per request to keep the caller's stack: ~13% of
    // the gateway's CPU per activity (bench/gateway profile).
    noAsyncTraces: true,
  });
  void logStatus(connection, options.logger);
  return connection;
}

async function logStatus(connection: NatsConnection, logger: Logger): Promise<void> {
  for await (const status of connection.status()) {
    if (status.type === 'disconnect' || status.type === 'reconnect') {
      logger.warn({ nats: status.type, server: 'server' in status ? status.server : undefined }, `nats ${status.type}`);
    }
  }
}

/** Readiness: the connection is up and the server answers. */
export async function checkNats(connection: NatsConnection): Promise<void> {
  if (connection.isClosed()) throw new Error('NATS connection closed');
  await connection.flush();
}
