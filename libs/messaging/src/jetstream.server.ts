import { CustomTransportStrategy, Server, type MessageHandler } from '@nestjs/microservices';
import { jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { lastValueFrom } from 'rxjs';
import type { BusNames } from '@herald/contracts';
import type { Logger } from '@herald/telemetry';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { JetStreamContext } from './jetstream-context.js';
import { provisionConsumers, replayConsumerOf, type ConsumerDefinition } from './topology.js';
import { PULL_EXPIRES_MS, reportConsumerStatus } from './consumer-status.js';
import { deadLetter } from './dead-letter.js';
import { isPermanent, redeliveryDelayMs, retriesExhausted, RetryLaterError } from './retry-policy.js';
import { extractTraceContext } from './trace-headers.js';
import { serveRequests } from './request-reply.js';
import { keepAlive, MAX_HANDLER_MS } from './keep-alive.js';

const tracer = trace.getTracer('@herald/messaging');

/**
 * Nest transport over JetStream durable pull consumers. A handler declares its subject and
 * its consumer: `@EventPattern(SUBJECTS.activityReceived, { durable: CONSUMERS.routerDispatch })`.
 * `@MessagePattern(subject)` handlers answer core NATS requests instead (see request-reply.ts).
 * Each message: decode JSON → run the handler inside the publisher's trace, telling the server it
 * is still being worked on while it runs → ack once it succeeded. On failure: a permanent one
 * (the message is invalid, a peer refused it for good) is copied to the dead-letter subject and
 * terminated; a transient one is redelivered with a growing delay until the consumer's retry
 * budget (hours) is spent, and only then dead-lettered. A message whose dead-letter copy could not
 * be stored is redelivered, never dropped. Every handler also gets the messages an operator
 * replays from its dead letters (`<durable>-replay`). `close()` stops taking work: no more pulls,
 * messages received but not started are given back (nak), and running handlers get up to
 * SHUTDOWN_GRACE_MS to finish while NATS and the database are still open.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private readonly running = new Set<ConsumerMessages>();
  private readonly loops: Promise<void>[] = [];
  /** Every handler running, whichever pull it came from. */
  private readonly handling = new Set<Promise<void>>();
  /** `<durable> <stream sequence>` of every message being handled. */
  private readonly handled = new Set<string>();
  private readonly requests: Subscription[] = [];
  private closed = false;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly options: {
      connection: NatsConnection;
      names: BusNames;
      consumers: ConsumerDefinition[];
      /** Queue group of `@MessagePattern` handlers: the service's name. */
      queue: string;
      logger: Logger;
    },
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    const consumers: [ConsumerDefinition, MessageHandler][] = [];
    for (const [pattern, head] of this.messageHandlers) {
      if (!head.isEventHandler) {
        this.requests.push(this.serve(pattern, head));
        continue;
      }
      // Nest chains handlers of one pattern and runs them together; here each has its own consumer.
      for (const handler of unchain(head)) {
        const definition = this.consumerFor(pattern, handler);
        consumers.push([definition, handler], [replayConsumerOf(definition, this.options.names), handler]);
      }
    }
    try {
      await provisionConsumers(this.options.connection, consumers.filter(([definition]) => definition.durable.endsWith('-replay')).map(([definition]) => definition));
    } catch (error) {
      return callback(error);
    }
    for (const [definition, handler] of consumers) this.loops.push(this.consumeForever(definition, handler));
    callback();
  }

  /** Stops pulling, gives back what was received but not started, and waits (bounded) for running handlers. */
  close(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    this.closed = true;
    for (const subscription of this.requests) subscription.unsubscribe();
    const pulls = [...this.running].map((messages) => messages.close());
    const stopped = Promise.all([...pulls, ...this.loops]).then(() => Promise.all(this.handling)).then(() => true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), SHUTDOWN_GRACE_MS)));
    const finished = await Promise.race([stopped, late]).finally(() => clearTimeout(timer));
    if (!finished) this.options.logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'handlers still running at shutdown; their messages will be redelivered');
  }

  /** `@MessagePattern(subject)`: answered over core NATS request/reply (e.g. Teams invokes). */
  private serve(pattern: string, handler: MessageHandler): Subscription {
    return serveRequests({
      connection: this.options.connection,
      subject: this.options.names.subject(pattern),
      queue: this.options.queue,
      handler,
      toObservable: (result) => this.transformToObservable(result),
      logger: this.options.logger,
    });
  }

  on(): never {
    throw new Error('JetStreamServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.options.connection as T;
  }

  private consumerFor(pattern: string, handler: MessageHandler): ConsumerDefinition {
    const durable = handler.extras?.['durable'] as string | undefined;
    const definition = this.options.consumers.find((c) => c.durable === durable);
    if (!definition) throw new Error(`@EventPattern('${pattern}') names no provisioned consumer (durable: ${durable})`);
    if (definition.filterSubject !== this.options.names.subject(pattern)) {
      throw new Error(`consumer ${durable} filters ${definition.filterSubject}, handler expects ${pattern}`);
    }
    return definition;
  }

  private async consumeForever(definition: ConsumerDefinition, handler: MessageHandler): Promise<void> {
    while (!this.closed) {
      try {
        await this.consume(definition, handler);
      } catch (error) {
        if (this.closed) return;
        this.options.logger.warn({ err: error, consumer: definition.durable }, 'consumer stopped; restarting');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  /** One pull subscription, until it ends or fails: at most `concurrency` handlers at once. */
  private async consume(definition: ConsumerDefinition, handler: MessageHandler): Promise<void> {
    const consumer = await jetstream(this.options.connection).consumers.get(definition.stream, definition.durable);
    const messages = await consumer.consume({ max_messages: Math.max(definition.concurrency * 2, 8), expires: PULL_EXPIRES_MS });
    this.running.add(messages);
    // Closed while the pull was being set up: close() did not see this one.
    if (this.closed) void messages.close();
    void reportConsumerStatus(messages, this.options.logger, { durable: definition.durable });
    const inFlight = new Set<Promise<void>>();
    try {
      for await (const message of messages) {
        // Received but not started once the service began to stop: given back, for another replica or the next start.
        if (this.closed) {
          message.nak(GIVE_BACK_DELAY_MS);
          continue;
        }
        // The server sent a message again while it is being handled here (nats-server 2.9 may,
        // see GIVE_BACK_DELAY_MS): the running handler acks or naks it for both.
        const key = `${definition.durable} ${message.seq}`;
        if (this.handled.has(key)) continue;
        this.handled.add(key);
        const handled = this.handle(definition, handler, message).finally(() => {
          inFlight.delete(handled);
          this.handling.delete(handled);
          this.handled.delete(key);
        });
        inFlight.add(handled);
        this.handling.add(handled);
        if (inFlight.size >= definition.concurrency) await Promise.race(inFlight);
      }
    } finally {
      this.running.delete(messages);
    }
    await Promise.all(inFlight);
  }

  private async handle(definition: ConsumerDefinition, handler: MessageHandler, message: JsMsg): Promise<void> {
    const parent = extractTraceContext(message.headers);
    const span = tracer.startSpan(
      `process ${message.subject}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'process',
          'messaging.destination.name': message.subject,
          'messaging.consumer.group.name': definition.durable,
          'messaging.nats.sequence': message.seq,
          'messaging.nats.delivery_count': message.info.deliveryCount,
        },
      },
      parent,
    );
    const heartbeat = keepAlive(message, definition.ackWaitMs, () => {
      // Its redelivery is handled as a new message from now on, not skipped as a duplicate of this one.
      this.handled.delete(`${definition.durable} ${message.seq}`);
      this.options.logger.error({ consumer: definition.durable, seq: message.seq }, `handler still running after ${MAX_HANDLER_MS / 60_000} min; the message will be redelivered`);
    });
    await context.with(trace.setSpan(parent, span), async () => {
      try {
        const payload = message.json<unknown>();
        const result: unknown = await handler(payload, new JetStreamContext([message]));
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
        await message.ackAck();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        await this.fail(definition, message, error).catch((failure: unknown) =>
          this.options.logger.error({ err: failure, consumer: definition.durable, seq: message.seq }, 'could not nak or dead-letter; the server will redeliver'),
        );
      } finally {
        clearInterval(heartbeat);
        span.end();
      }
    });
  }

  private async fail(definition: ConsumerDefinition, message: JsMsg, error: unknown): Promise<void> {
    const attempts = message.info.deliveryCount;
    const log = { err: error, consumer: definition.durable, seq: message.seq, attempts };
    const permanent = isPermanent(error);
    if (permanent || this.exhausted(definition, message, error)) {
      try {
        // A replayed message that fails again is a dead letter of its own consumer, replayable again.
        await deadLetter(this.options.connection, this.options.names, { stream: definition.stream, durable: definition.deadLetterAs ?? definition.durable }, message, error);
      } catch (failure) {
        // Not stored as a dead letter: the message stays in its consumer and comes back.
        this.options.logger.error({ ...log, deadLetterError: failure }, 'could not dead-letter the message; it will be redelivered');
        message.nak(redeliveryDelayMs(attempts, definition.retry));
        return;
      }
      this.options.logger.error(log, permanent ? 'message can never be handled; dead-lettered' : 'retries exhausted; dead-lettered');
      message.term(String((error as Error)?.message ?? error).slice(0, 200));
      return;
    }
    this.options.logger.warn(log, 'handler failed; will retry');
    message.nak(error instanceof RetryLaterError ? error.delayMs : redeliveryDelayMs(attempts, definition.retry));
  }

  /**
   * A transient failure's budget is spent once both its backoff and the message's age reach
   * `giveUpAfterMs`. A handler's own "later" (RetryLaterError: a Retry-After, no free slot) is a
   * wait, not a failure: it never spends the budget.
   */
  private exhausted(definition: ConsumerDefinition, message: JsMsg, error: unknown): boolean {
    if (error instanceof RetryLaterError) return false;
    const ageMs = Date.now() - Number(message.info.timestampNanos) / 1e6;
    return retriesExhausted(message.info.deliveryCount, definition.retry) && ageMs >= definition.retry.giveUpAfterMs;
  }
}

/**
 * How long a stopping service lets its running handlers finish (a Bot Connector call, an outcome
 * being written) before it closes NATS and the database anyway, within Kubernetes' default grace
 * and Herald's 10 s: what is still unfinished then is redelivered after AckWait.
 */
const SHUTDOWN_GRACE_MS = 6_000;

/**
 * A message received but not started when the service stops comes back this long later: once the
 * server has let go of this replica's last pull. nats-server 2.9 hands a redelivery to a waiting
 * pull whose client has gone, fails, and then delivers that message twice, once as new
 * (nats-server#5305, fixed in 2.10.14): two handlers at once, and a send seen "in flight" is
 * recorded Unknown though it went out.
 */
const GIVE_BACK_DELAY_MS = PULL_EXPIRES_MS + 1_000;

/** The handlers Nest chained under one pattern (`next`), detached so each runs alone. */
function unchain(head: MessageHandler): MessageHandler[] {
  const handlers: MessageHandler[] = [];
  for (let handler: MessageHandler | undefined = head; handler; ) {
    const next: MessageHandler | undefined = handler.next;
    handler.next = undefined;
    handlers.push(handler);
    handler = next;
  }
  return handlers;
}
