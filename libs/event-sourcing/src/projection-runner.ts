import { DeliverPolicy, jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { deadLetter, isPermanent, PULL_EXPIRES_MS, reportConsumerStatus, type MessageBus } from '@herald/messaging';
import { applyBatchOnce, checkpointOf, skipTo, type EntityManager, type MikroORM } from '@herald/persistence';
import type { Logger } from '@herald/telemetry';
import { forEachBatch } from './for-each-batch.js';

const tracer = trace.getTracer('@herald/event-sourcing');

/** An event with its stream sequence. */
export interface Positioned<E> {
  sequence: number;
  subject: string;
  event: E;
}

/** A read model fed by one stream subject filter, applied in batches. */
export interface Projection<E> {
  /** Name of its checkpoint, e.g. `conversation-refs`. */
  name: string;
  /** Stream key name, e.g. `bus.names.stream('conversations').name`. */
  stream: string;
  /** Subject filter relative to the bus prefix. */
  filter: string;
  parse(body: unknown): E;
  /** Applies events (stream order, all above the checkpoint) inside the checkpoint's transaction. */
  apply(em: EntityManager, events: Positioned<E>[]): Promise<void>;
}

export interface ProjectionRunnerOptions {
  /** Events per transaction at most (default 500). */
  batchSize?: number;
  /** First retry delay; doubles up to `maxRetryDelayMs` (default 500 ms). */
  retryDelayMs?: number;
  /** Longest delay between retries (default 30 s). */
  maxRetryDelayMs?: number;
}

/**
 * Keeps a projection up to date: an ordered consumer (no acks, gap-free: it resets itself if a
 * message goes missing) reads from the Postgres checkpoint onwards; whatever arrived together is
 * applied in one transaction with the new checkpoint. After a failure it starts again from the
 * checkpoint, with a growing delay. A failure that may pass (Postgres or NATS away) is retried for
 * as long as it lasts: skipping an event would leave the read model wrong for good. Only a
 * permanent one — the event is invalid, or its data breaks the table's rules — makes the runner
 * find the event (one at a time), copy it to the dead letters and skip it. Every replica may run
 * it: the checkpoint lock serialises them, and events at or below the checkpoint are skipped, so
 * nothing is applied twice.
 */
export class ProjectionRunner<E> {
  private stopped = false;
  /** Ends the wait before a retry (stop() does not wait it out). */
  private wake: (() => void) | undefined;
  private current: ConsumerMessages | undefined;
  private running: Promise<void> | undefined;
  private failures = { position: -1, count: 0, permanent: false };

  constructor(
    private readonly bus: MessageBus,
    private readonly database: MikroORM,
    private readonly projection: Projection<E>,
    private readonly logger: Logger,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  start(): void {
    this.running ??= this.followForever();
  }

  /** Returns promptly: a batch being applied finishes, what was received after it is left to the next start (the checkpoint says where). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.current?.close().catch(() => undefined);
    await this.running;
  }

  private async followForever(): Promise<void> {
    while (!this.stopped) {
      const position = await checkpointOf(this.database, this.projection.name).catch(() => -1);
      try {
        if (position < 0) throw new Error('database unavailable');
        await this.follow(position);
      } catch (error) {
        if (this.stopped) return;
        const count = this.failures.position === position ? this.failures.count + 1 : 1;
        this.failures = { position, count, permanent: isPermanent(error) };
        const delay = Math.min((this.options.retryDelayMs ?? 500) * 2 ** (count - 1), this.options.maxRetryDelayMs ?? 30_000);
        this.logger.warn({ err: error, projection: this.projection.name, position, attempts: count }, 'projection failed; restarting from its checkpoint');
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, delay);
        });
      }
    }
  }

  /** Reads from `position + 1`; returns when stopped, throws when a batch failed. */
  private async follow(position: number): Promise<void> {
    const consumer = await jetstream(this.bus.connection).consumers.get(this.projection.stream, {
      filter_subjects: this.bus.names.subject(this.projection.filter),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: position + 1,
    });
    // After a permanent failure the events are applied one by one, to find the one to give up on.
    const isolate = this.failures.position === position && this.failures.permanent;
    const batchSize = isolate ? 1 : (this.options.batchSize ?? 500);
    const messages = await consumer.consume({ max_messages: batchSize * 2, expires: PULL_EXPIRES_MS });
    this.current = messages;
    void reportConsumerStatus(messages, this.logger, { projection: this.projection.name });
    if (this.stopped) await messages.close();
    let failure: Error | undefined;
    await forEachBatch(messages, batchSize, async (batch) => {
      if (failure !== undefined || this.stopped) return;
      try {
        await this.apply(batch);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        // A dead letter that could not be stored is not skipped: the event is tried again.
        if (isolate && isPermanent(error)) await this.deadLetter(batch[0]!, error).catch(() => undefined);
        void messages.close();
      }
    });
    if (failure !== undefined) throw failure;
  }

  private async apply(batch: JsMsg[]): Promise<void> {
    const span = tracer.startSpan(`project ${this.projection.name}`, {
      kind: SpanKind.CONSUMER,
      attributes: { 'herald.projection': this.projection.name, 'messaging.batch.message_count': batch.length, 'messaging.nats.sequence': batch[0]?.seq },
    });
    try {
      const events = batch.map((message) => ({ sequence: message.seq, subject: message.subject, event: this.projection.parse(message.json<unknown>()) }));
      await applyBatchOnce(this.database, this.projection.name, events, (em, fresh) => this.projection.apply(em, fresh));
      this.failures = { position: -1, count: 0, permanent: false };
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  }

  /** Gives up on one event: copied to `<prefix>.dead-letter.<projection>`, then skipped. */
  private async deadLetter(message: JsMsg, error: unknown): Promise<void> {
    await deadLetter(this.bus.connection, this.bus.names, { stream: message.info.stream, durable: this.projection.name }, message, error);
    await skipTo(this.database, this.projection.name, message.seq);
    this.logger.error({ err: error, projection: this.projection.name, seq: message.seq }, 'projection gave up on an event; dead-lettered and skipped');
  }
}
