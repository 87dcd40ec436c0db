import type { ConsumerMessages } from '@nats-io/jetstream';
import type { Logger } from '@herald/telemetry';

/**
 * Pull expiry for long-running `consume()` loops. The client's idle heartbeat is half of it, and
 * a pull that stalls (its consumer lost in a NATS restart, a 409 from the server) is renewed
 * only after two missed heartbeats: with the client's default of 30 s that is a 30 s stall; with
 * 3 s a message waits at most about 5 s.
 */
export const PULL_EXPIRES_MS = 3_000;

/** Logs what a consumer reports besides its messages: a reset or missed heartbeats explains a lag. */
export async function reportConsumerStatus(messages: ConsumerMessages, logger: Logger, fields: Record<string, unknown>): Promise<void> {
  for await (const status of messages.status()) {
    if (status.type === 'next' || status.type === 'heartbeat') continue;
    const routine = status.type === 'debug' || status.type === 'discard';
    logger[routine ? 'debug' : 'warn']({ ...fields, consumer: status }, `consumer ${status.type}`);
  }
}
