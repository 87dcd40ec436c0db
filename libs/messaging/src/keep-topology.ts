import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@herald/telemetry';
import { provisionTopology, type ConsumerDefinition, type StreamDefinition } from './topology.js';

/**
 * Provisions the topology now, and again after every reconnect: a NATS server that restarted
 * has lost its memory streams (send slots, API rate counters) and the consumers on them, and
 * Herald puts them back without being restarted itself. A failed attempt is retried with backoff.
 */
export async function keepTopology(
  connection: NatsConnection,
  topology: { streams: StreamDefinition[]; consumers: ConsumerDefinition[] },
  logger: Logger,
): Promise<void> {
  await provisionTopology(connection, topology);
  void (async () => {
    for await (const status of connection.status()) {
      if (status.type === 'reconnect') void reprovision(connection, topology, logger);
    }
  })();
}

async function reprovision(connection: NatsConnection, topology: Parameters<typeof provisionTopology>[1], logger: Logger): Promise<void> {
  for (let attempt = 1; !connection.isClosed(); attempt++) {
    try {
      await provisionTopology(connection, topology);
      logger.info({ attempt }, 'streams and consumers provisioned again after a NATS reconnect');
      return;
    } catch (error) {
      logger.warn({ err: error, attempt }, 'could not provision streams after a NATS reconnect; will retry');
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** (attempt - 1), 10_000)));
    }
  }
}
