import { jetstream, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@herald/contracts';
import { METRICS } from '@herald/health';
import type { ConsumerDefinition } from './topology.js';

/** Copies a message a consumer (or a projection, by its name) gives up on to `<prefix>.dead-letter.<durable>`, with why. */
export async function deadLetter(
  connection: NatsConnection,
  names: BusNames,
  definition: Pick<ConsumerDefinition, 'stream' | 'durable'>,
  message: JsMsg,
  error: unknown,
): Promise<void> {
  const headers = natsHeaders();
  // JetStream's own headers stay behind: the copy gets its own Nats-Msg-Id, and a stored
  // Nats-Expected-Last-Subject-Sequence (an aggregate's event) would make its publish fail.
  for (const key of message.headers?.keys() ?? []) {
    if (!key.toLowerCase().startsWith('nats-')) headers.set(key, message.headers?.get(key) ?? '');
  }
  headers.set('Herald-Dead-Letter-Stream', definition.stream);
  headers.set('Herald-Dead-Letter-Subject', message.subject);
  headers.set('Herald-Dead-Letter-Sequence', String(message.seq));
  headers.set('Herald-Dead-Letter-Deliveries', String(message.info.deliveryCount));
  headers.set('Herald-Dead-Letter-Error', String((error as Error)?.message ?? error).slice(0, 500).replace(/[\r\n]+/g, ' '));
  await jetstream(connection).publish(names.deadLetterSubject(definition.durable), message.data, {
    headers,
    msgID: `${definition.stream}:${message.seq}:${definition.durable}`,
  });
  METRICS.deadLetters.inc({ consumer: definition.durable });
}
