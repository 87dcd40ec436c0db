import { randomUUID } from 'node:crypto';
import type { RateLimit } from '@herald/config';
import { metadataFor, type Message } from '@herald/contracts';
import { EventStore, subjectToken } from '@herald/event-sourcing';
import { provisionTopology, streamDefinition, type MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Counted = Message<'ApiCallsCounted', { window: number; count: number }>;
type Counter = { window: number; count: number; sequence: number };

const HOUR = 3_600_000;
/** How long calls go unchecked after the store failed to answer before it is tried again. */
const UNAVAILABLE_BACKOFF_MS = 5_000;
/** A CAS lost this often in a row (only while under the limit: refusals write nothing) lets the call through. */
const MAX_ATTEMPTS = 5;

/**
 * Per-caller rate limits shared by every gateway replica: a fixed-window counter per caller, the
 * only message of `gateway.api-rate.<caller>` in the in-memory API_RATE stream (one message per
 * subject, an hour at most), written with compare-and-set (`expect.lastSubjectSequence`). A
 * replica keeps the last counter it saw, so a call costs one JetStream write (a read too after
 * another replica wrote); a caller's calls on one replica are counted one after the other.
 *
 * If NATS does not answer within `timeoutMs` the call is let through and logged: the limiter
 * guards Herald against a runaway client, it is not what keeps data safe, and a POST that cannot
 * reach JetStream answers 503 on its own anyway.
 */
export class ApiRateLimiter {
  private readonly counters = new Map<string, Counter>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly store: EventStore;
  private readonly stream: { name: string; subjects: string[] };
  private provisioned: Promise<void> | undefined;
  private lastWarning = 0;
  /** After the store failed to answer, calls go through unchecked until then, at once: never one deadline per call. */
  private unavailableUntil = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    private readonly timeoutMs = 1_000,
  ) {
    this.stream = { name: `${bus.names.prefix.toUpperCase()}_API_RATE`, subjects: [bus.names.subject('gateway.api-rate.>')] };
    this.store = new EventStore(bus, { stream: this.stream.name, readTimeoutMs: timeoutMs });
  }

  /** Counts one call of `caller` against `rate`: allowed, or refused until the window ends. */
  admit(caller: string, rate: RateLimit | 'unlimited'): Promise<Admission> {
    if (rate === 'unlimited' || Date.now() < this.unavailableUntil) return Promise.resolve({ allowed: true });
    const queued = (this.queues.get(caller) ?? Promise.resolve()).then(() => this.withDeadline(caller, rate));
    const tail = queued.catch(() => undefined);
    this.queues.set(caller, tail);
    void tail.then(() => this.queues.get(caller) === tail && this.queues.delete(caller));
    return queued;
  }

  private async withDeadline(caller: string, rate: RateLimit): Promise<Admission> {
    // Queued behind a call that found the store away: through at once too.
    if (Date.now() < this.unavailableUntil) return { allowed: true };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs)));
    try {
      return await Promise.race([this.count(caller, rate), deadline]);
    } catch (error) {
      this.provisioned = undefined;
      this.counters.delete(caller);
      this.unavailableUntil = Date.now() + UNAVAILABLE_BACKOFF_MS;
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error, caller }, 'rate limit not checked: its store in NATS is unavailable; the call is let through');
      }
      return { allowed: true };
    } finally {
      clearTimeout(timer);
    }
  }

  private async count(caller: string, rate: RateLimit): Promise<Admission> {
    await (this.provisioned ??= this.provision());
    const subject = `gateway.api-rate.${subjectToken(caller)}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const now = Date.now();
      const window = Math.floor(now / rate.windowMs);
      const counter = this.counters.get(caller) ?? (await this.read(caller, subject));
      const used = counter.window === window ? counter.count : 0;
      if (used >= rate.limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * rate.windowMs - now) / 1_000)) };
      const written = await this.write(subject, { window, count: used + 1 }, counter.sequence);
      if (written !== undefined) {
        this.counters.set(caller, { window, count: used + 1, sequence: written });
        return { allowed: true };
      }
      this.counters.delete(caller);
    }
    this.logger.warn({ caller }, 'rate limit not checked: its counter kept changing under this replica; the call is let through');
    return { allowed: true };
  }

  private async read(caller: string, subject: string): Promise<Counter> {
    const { events, lastSequence } = await this.store.read(subject, (raw) => raw as Counted);
    const last = events.at(-1)?.event.data;
    const counter = { window: last?.window ?? -1, count: last?.count ?? 0, sequence: lastSequence };
    this.counters.set(caller, counter);
    return counter;
  }

  /** The new sequence, or undefined when another replica wrote first. */
  private async write(subject: string, data: Counted['data'], expected: number): Promise<number | undefined> {
    const message: Counted = { type: 'ApiCallsCounted', data, metadata: metadataFor({ id: randomUUID(), occurredAt: new Date() }) };
    try {
      return (await this.bus.publish(subject, message, { expectLastSubjectSequence: expected, timeoutMs: this.timeoutMs })).seq;
    } catch (error) {
      if (/wrong last sequence/i.test(String((error as Error)?.message))) return undefined;
      throw error;
    }
  }

  private provision(): Promise<void> {
    const definition = streamDefinition(this.stream, { storage: 'memory', maxMsgsPerSubject: 1, maxAgeMs: HOUR, duplicateWindowMs: 1_000 });
    return provisionTopology(this.bus.connection, { streams: [definition], consumers: [] });
  }
}
