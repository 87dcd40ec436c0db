import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { readWithConsumer, type ReadTarget, type StoredMessage } from './read-with-consumer.js';

export type { StoredMessage } from './read-with-consumer.js';

/**
 * Every message on exactly `subject`, oldest first, read as cheaply as nats-server 2.9 allows.
 *
 * The subject's first and last message are asked for together with `STREAM.MSG.GET`: one round
 * trip (~0.4 ms) settles an aggregate with no event or one. A longer one is read whole by an
 * ephemeral consumer (~0.9 ms more, for any length); walking it with `MSG.GET` would cost a round
 * trip per event. If an event lands between the two gets, the read still returns every event up
 * to some sequence: nothing when the first get saw none, the consumer's reading otherwise.
 */
export async function readSubject(jsm: JetStreamManager, connection: NatsConnection, target: ReadTarget): Promise<StoredMessage[]> {
  const [first, last] = await Promise.all([firstOnSubject(jsm, target), lastOnSubject(jsm, target)]);
  if (!first) return [];
  if (!last || last.seq === first.seq) return [stored(first)];
  return readWithConsumer(jsm, connection, target);
}

function firstOnSubject(jsm: JetStreamManager, target: ReadTarget): Promise<StoredMsg | null> {
  // nats.js types `next_by_subj` for direct gets only; nats-server 2.9's `STREAM.MSG.GET` takes it too.
  const query: { seq: number; next_by_subj: string } = { seq: 1, next_by_subj: target.subject };
  return jsm.streams.getMessage(target.stream, query);
}

function lastOnSubject(jsm: JetStreamManager, target: ReadTarget): Promise<StoredMsg | null> {
  return jsm.streams.getMessage(target.stream, { last_by_subj: target.subject });
}

function stored(message: StoredMsg): StoredMessage {
  return { sequence: message.seq, body: message.json<unknown>() };
}
