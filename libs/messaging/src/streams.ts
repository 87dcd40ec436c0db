import type { BusNames } from '@herald/contracts';
import { streamDefinition, type StreamDefinition } from './topology.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Every Herald stream, declared as code. Each service provisions all of them at start
 * (idempotent), so no service depends on another having started first.
 */
export function heraldStreams(names: BusNames, settings: { replicas?: number; storage?: 'file' | 'memory' } = {}): StreamDefinition[] {
  const definitions: StreamDefinition[] = [
    // Teams re-sends an activity after ~15 s without an answer: 10 min covers it many times over.
    streamDefinition(names.stream('inbound'), { duplicateWindowMs: 10 * MINUTE }),
    streamDefinition(names.stream('outbound'), { duplicateWindowMs: 10 * MINUTE }),
    streamDefinition(names.stream('deliveries'), { duplicateWindowMs: 10 * MINUTE }),
    // Conversation references must outlive any retention window: Teams says "installed" only once.
    streamDefinition(names.stream('conversations'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 0 }),
    // Latest-value subjects by a per-subject limit, never by `Nats-Rollup`: on nats-server 2.9 a
    // subject rollup moves every consumer whose filter covers that subject past messages it has
    // not delivered yet (conversation installs went missing that way).
    streamDefinition(names.stream('conversationActivity'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 0, maxMsgsPerSubject: 1 }),
    streamDefinition(names.stream('subscriptions'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 0 }),
    streamDefinition(names.stream('settings'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 0 }),
    streamDefinition(names.stream('users'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 0 }),
    // Teams sends one exchange to each of the person's devices within seconds; an hour covers every retry.
    streamDefinition(names.stream('tokenExchanges'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 60 * MINUTE }),
    streamDefinition(names.stream('notifications'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 90 * DAY }),
    streamDefinition(names.stream('deliveryRequests'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 7 * DAY, retention: 'workqueue' }),
    streamDefinition(names.stream('people'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 0 }),
    streamDefinition(names.stream('rateSlots'), { duplicateWindowMs: 30_000, maxAgeMs: 60_000, storage: 'memory' }),
    streamDefinition(names.stream('graphSlots'), { duplicateWindowMs: 30_000, maxAgeMs: 60_000, storage: 'memory' }),
    // The directory is rebuilt from Graph at any time, but the projection replays it: kept for good.
    streamDefinition(names.stream('directory'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 0 }),
    streamDefinition(names.stream('interactions'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 90 * DAY }),
    // Console messages and exports are the authors' record: kept for good.
    streamDefinition(names.stream('console'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 0 }),
    // Dead letters stay until an operator replays them (npm run dead-letters).
    streamDefinition(names.stream('deadLetter'), { duplicateWindowMs: 10 * MINUTE, maxAgeMs: 90 * DAY }),
    streamDefinition(names.stream('replay'), { duplicateWindowMs: 10 * MINUTE, retention: 'workqueue' }),
  ];
  // Replicas and storage are the operator's (NATS_STREAM_REPLICAS, NATS_STREAM_STORAGE); memory streams stay in memory.
  return definitions.map((definition) => ({
    ...definition,
    replicas: settings.replicas ?? 1,
    storage: definition.storage === 'memory' ? 'memory' : (settings.storage ?? 'file'),
  }));
}
