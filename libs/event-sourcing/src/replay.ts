import { jetstream } from '@nats-io/jetstream';
import type { MessageBus } from '@herald/messaging';
import type { StoredMessage } from './read-with-consumer.js';

/**
 * Every message of `stream` matching `relativeFilter` (relative to the bus prefix), oldest first,
 * in batches: for rebuilding a projection. An ordered consumer (flow-controlled, no acks) with a
 * single filter subject, which nats-server 2.9 supports; it ends with the last message pending
 * when it started being read.
 */
export async function* replay(bus: MessageBus, stream: string, relativeFilter: string, batchSize = 1_000): AsyncGenerator<StoredMessage[]> {
  const consumer = await jetstream(bus.connection).consumers.get(stream, { filter_subjects: bus.names.subject(relativeFilter) });
  for (;;) {
    const batch: StoredMessage[] = [];
    let caughtUp = false;
    for await (const message of await consumer.fetch({ max_messages: batchSize, expires: 2_000 })) {
      batch.push({ sequence: message.seq, body: message.json<unknown>() });
      if (message.info.pending === 0) caughtUp = true;
    }
    if (batch.length > 0) yield batch;
    if (caughtUp || batch.length === 0) return;
  }
}
