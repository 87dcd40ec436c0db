import { DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@herald/contracts';

/** A message a consumer (or a projection) gave up on, as `npm run dead-letters -- list` shows it. */
export interface DeadLetter {
  /** Its sequence in the DEAD_LETTER stream. */
  seq: number;
  consumer: string;
  /** Where it came from: stream, subject, sequence. */
  stream: string;
  subject: string;
  sequence: number;
  deliveries: number;
  error: string;
  at: Date;
}

const HEADER = 'Herald-Dead-Letter-';

/** Every dead letter (of one consumer, when given), oldest first. */
export async function listDeadLetters(connection: NatsConnection, names: BusNames, consumer?: string): Promise<DeadLetter[]> {
  return (await readDeadLetters(connection, names, consumer)).map(({ letter }) => letter);
}

/**
 * Sends the dead letters of `consumer` back to it: each is copied to `replay.<consumer>`, which the
 * consumer's service reads with `<consumer>-replay` and hands to the same handler (handlers are
 * idempotent), then removed from DEAD_LETTER. Throws, replaying nothing, when no such replay
 * consumer exists (a projection, or a service that never ran): a projection is repaired by a rebuild.
 */
export async function replayDeadLetters(connection: NatsConnection, names: BusNames, consumer: string): Promise<number> {
  const jsm = await jetstreamManager(connection);
  const replayStream = names.stream('replay').name;
  const present = await jsm.consumers.info(replayStream, `${consumer}-replay`).then(() => true, () => false);
  if (!present) {
    throw new Error(`no consumer ${consumer}-replay reads ${names.replaySubject(consumer)}: ${consumer} is a projection (rebuild it: npm run projections:rebuild -- ${consumer}) or its service has not started`);
  }
  const js = jetstream(connection);
  let replayed = 0;
  for (const { letter, message } of await readDeadLetters(connection, names, consumer)) {
    const headers = natsHeaders();
    for (const key of message.headers?.keys() ?? []) if (!key.startsWith(HEADER)) headers.set(key, message.headers?.get(key) ?? '');
    await js.publish(names.replaySubject(consumer), message.data, { headers, msgID: `replay:${names.stream('deadLetter').name}:${letter.seq}` });
    await jsm.streams.deleteMessage(names.stream('deadLetter').name, letter.seq, false);
    replayed += 1;
  }
  return replayed;
}

async function readDeadLetters(connection: NatsConnection, names: BusNames, consumer?: string): Promise<{ letter: DeadLetter; message: JsMsg }[]> {
  const stream = names.stream('deadLetter').name;
  const filter = consumer ? names.deadLetterSubject(consumer) : names.deadLetterSubject('>');
  const ordered = await jetstream(connection).consumers.get(stream, { filter_subjects: filter, deliver_policy: DeliverPolicy.All });
  const found: { letter: DeadLetter; message: JsMsg }[] = [];
  for (;;) {
    const message = await ordered.next({ expires: 1_000 });
    if (!message) return found;
    found.push({ letter: letterOf(message, names), message });
    if (message.info.pending === 0) return found;
  }
}

function letterOf(message: JsMsg, names: BusNames): DeadLetter {
  const header = (name: string) => message.headers?.get(`${HEADER}${name}`) ?? '';
  return {
    seq: message.seq,
    consumer: message.subject.slice(names.deadLetterSubject('').length),
    stream: header('Stream'),
    subject: header('Subject'),
    sequence: Number(header('Sequence')),
    deliveries: Number(header('Deliveries')),
    error: header('Error'),
    at: new Date(Math.floor(Number(message.info.timestampNanos) / 1e6)),
  };
}
