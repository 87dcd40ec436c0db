import { busNames, metadataFor, SUBJECTS } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, provisionTopology } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { summarise } from './stats.js';

const MESSAGES = 5_000;

/**
 * Durable publishes to JetStream (file storage, msgID de-duplication, trace headers): what every
 * inbound activity costs the gateway before it may answer 200. Sequential (one ack awaited at a
 * time, the latency a single request sees) and with 64 publishes in flight (a loaded gateway).
 */
export async function busPublish(): Promise<void> {
  const prefix = uniquePrefix('bench');
  const names = busNames(prefix);
  const connection = await connectToNats({ url: NATS_URL, name: 'bench', logger: createLogger({ service: 'bench', level: 'silent' }) });
  try {
    await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
    const bus = new MessageBus(connection, names);
    const publishOne = async (latencies: number[]) => {
      const message = { type: 'BenchHappened', data: { text: 'x'.repeat(900) }, metadata: metadataFor({ occurredAt: new Date() }) };
      const start = performance.now();
      await bus.publish(SUBJECTS.activityReceived, message);
      latencies.push(performance.now() - start);
    };
    for (const inFlight of [1, 64]) {
      const latencies: number[] = [];
      const start = performance.now();
      let sent = 0;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (sent < MESSAGES) {
            sent += 1;
            await publishOne(latencies);
          }
        }),
      );
      process.stdout.write(`${summarise(`publish, ${inFlight} in flight`, latencies.length, performance.now() - start, latencies)}\n`);
    }
  } finally {
    await connection.close();
    await deleteStreams(prefix);
  }
}
