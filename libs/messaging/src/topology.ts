import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstreamManager,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@herald/contracts';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy.js';
import { keptSettings, type StreamSettings } from './stream-update.js';

export interface StreamDefinition {
  name: string;
  subjects: readonly string[];
  /** Window in which a repeated `Nats-Msg-Id` is stored only once. */
  duplicateWindowMs: number;
  maxAgeMs: number;
  /** Keep only the newest N messages of each subject (latest-value subjects); unlimited by default. */
  maxMsgsPerSubject?: number;
  /** `workqueue`: a message is removed once acknowledged (one consumer per subject). */
  retention?: 'limits' | 'workqueue';
  /** `memory` for short-lived coordination data (default `file`). */
  storage?: 'file' | 'memory';
  /** Copies kept by a NATS cluster (default 1; the chart sets 3). Never lowered on an existing stream. */
  replicas?: number;
}

/**
 * A durable pull consumer: one filter subject (nats-server 2.9 has no multi-filter consumers).
 * The server redelivers without limit; the consumer decides when to give up (`retry`): a
 * permanent failure is dead-lettered at once, a transient one only after `retry.giveUpAfterMs`.
 */
export interface ConsumerDefinition {
  stream: string;
  durable: string;
  filterSubject: string;
  retry: RetryPolicy;
  /** Dead letters go to `dead-letter.<deadLetterAs>` (default the durable): a replay consumer's to its original's. */
  deadLetterAs?: string;
  ackWaitMs: number;
  /** Handler invocations in flight at once; 1 keeps the stream's order. */
  concurrency: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function streamDefinition(
  stream: { name: string; subjects: readonly string[] },
  options: Partial<Pick<StreamDefinition, 'duplicateWindowMs' | 'maxAgeMs' | 'maxMsgsPerSubject' | 'retention' | 'storage'>> = {},
): StreamDefinition {
  return {
    ...stream,
    duplicateWindowMs: options.duplicateWindowMs ?? 10 * MINUTE,
    maxAgeMs: options.maxAgeMs ?? 14 * DAY,
    maxMsgsPerSubject: options.maxMsgsPerSubject ?? -1,
    retention: options.retention ?? 'limits',
    storage: options.storage ?? 'file',
  };
}

export function consumerDefinition(
  definition: Pick<ConsumerDefinition, 'stream' | 'durable' | 'filterSubject'> & Partial<Omit<ConsumerDefinition, 'retry'>> & { retry?: Partial<RetryPolicy> },
): ConsumerDefinition {
  return { ackWaitMs: 30_000, concurrency: 1, ...definition, retry: { ...DEFAULT_RETRY, ...definition.retry } };
}

/**
 * The consumer that feeds a handler the messages an operator replays from its dead letters
 * (`npm run dead-letters -- replay <durable>`): `<durable>-replay` on the REPLAY work queue.
 */
export function replayConsumerOf(definition: ConsumerDefinition, names: BusNames): ConsumerDefinition {
  return { ...definition, stream: names.stream('replay').name, durable: `${definition.durable}-replay`, filterSubject: names.replaySubject(definition.durable), concurrency: 1, deadLetterAs: definition.durable };
}

/**
 * Creates or updates streams and durable consumers; safe to run at every start, from every
 * replica. Services use `keepTopology`, which runs it again after every reconnection.
 */
export async function provisionTopology(connection: NatsConnection, topology: { streams: StreamDefinition[]; consumers: ConsumerDefinition[] }): Promise<void> {
  const jsm = await jetstreamManager(connection);
  for (const stream of topology.streams) await upsertStream(jsm, stream);
  for (const consumer of topology.consumers) await upsertConsumer(jsm, consumer);
}

/** Creates or updates durable consumers alone (their streams exist). */
export async function provisionConsumers(connection: NatsConnection, consumers: readonly ConsumerDefinition[]): Promise<void> {
  const jsm = await jetstreamManager(connection);
  for (const consumer of consumers) await upsertConsumer(jsm, consumer);
}

async function upsertStream(jsm: JetStreamManager, stream: StreamDefinition): Promise<void> {
  const config = {
    name: stream.name,
    subjects: [...stream.subjects],
    retention: stream.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: stream.storage === 'memory' ? StorageType.Memory : StorageType.File,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(stream.duplicateWindowMs),
    max_age: nanos(stream.maxAgeMs),
    max_msgs_per_subject: stream.maxMsgsPerSubject ?? -1,
    num_replicas: stream.replicas ?? 1,
  };
  let existing: StreamSettings;
  try {
    existing = (await jsm.streams.info(stream.name)).config;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add(config);
    return;
  }
  // Retention and storage cannot change on an existing stream; the rest is merged (stream-update.ts).
  await jsm.streams.update(stream.name, { subjects: config.subjects, discard: config.discard, max_msgs_per_subject: config.max_msgs_per_subject, ...keptSettings(existing, config) });
}

async function upsertConsumer(jsm: JetStreamManager, consumer: ConsumerDefinition): Promise<void> {
  const config = {
    durable_name: consumer.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: consumer.filterSubject,
    ack_wait: nanos(consumer.ackWaitMs),
    // Unlimited: the consumer gives up itself, after copying the message to its dead letters.
    max_deliver: -1,
    max_ack_pending: Math.max(consumer.concurrency * 4, 16),
  };
  try {
    await jsm.consumers.info(consumer.stream, consumer.durable);
    const { durable_name, deliver_policy, ...mutable } = config;
    void deliver_policy;
    await jsm.consumers.update(consumer.stream, durable_name, mutable);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(consumer.stream, config);
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && (error.code === 404 || /not found/i.test(error.message));
}
