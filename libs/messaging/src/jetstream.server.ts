import { CustomTransportStrategy, Server, type MessageHandler } from '@nestjs/microservices';
import { jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { lastValueFrom } from 'rxjs';
import type { BusNames } from '@herald/contracts';
import type { Logger } from '@herald/telemetry';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { JetStreamContext } from './jetstream-context.js';
import type { ConsumerDefinition } from './topology.js';
import { PULL_EXPIRES_MS, reportConsumerStatus } from './consumer-status.js';
import { deadLetter } from './dead-letter.js';
import { isPoison, redeliveryDelayMs, RetryLaterError } from './retry-policy.js';
import { extractTraceContext } from './trace-headers.js';
import { serveRequests } from './request-reply.js';

const tracer = trace.getTracer('@herald/messaging');

/**
 * Nest transport over JetStream durable pull consumers. A handler declares its subject and
 * its consumer: `@EventPattern(SUBJECTS.activityReceived, { durable: CONSUMERS.routerDispatch })`.
 * `@MessagePattern(subject)` handlers answer core NATS requests instead (see request-reply.ts).
 * Each message: decode JSON → run the handler inside the publisher's trace → ack once it
 * succeeded; on failure nak with a growing delay; after `maxDeliver` attempts (or at once for
 * a poison message) copy it to the dead-letter subject, then `term`.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private readonly running: ConsumerMessages[] = [];
  private readonly requests: Subscription[] = [];
  private closed = false;

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

  async listen(callback: () => void): Promise<void> {
    for (const [pattern, head] of this.messageHandlers) {
      if (!head.isEventHandler) {
        this.requests.push(this.serve(pattern, head));
        continue;
      }
      // Nest chains handlers of one pattern and runs them together; here each has its own consumer.
      for (const handler of unchain(head)) void this.consumeForever(this.consumerFor(pattern, handler), handler);
    }
    callback();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const subscription of this.requests) subscription.unsubscribe();
    await Promise.all(this.running.map((messages) => messages.close()));
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
    const js = jetstream(this.options.connection);
    while (!this.closed) {
      try {
        const consumer = await js.consumers.get(definition.stream, definition.durable);
        const messages = await consumer.consume({ max_messages: Math.max(definition.concurrency * 2, 8), expires: PULL_EXPIRES_MS });
        this.running.push(messages);
        void reportConsumerStatus(messages, this.options.logger, { durable: definition.durable });
        const inFlight = new Set<Promise<void>>();
        for await (const message of messages) {
          const handled = this.handle(definition, handler, message).finally(() => inFlight.delete(handled));
          inFlight.add(handled);
          if (inFlight.size >= definition.concurrency) await Promise.race(inFlight);
        }
        await Promise.all(inFlight);
      } catch (error) {
        if (this.closed) return;
        this.options.logger.warn({ err: error, consumer: definition.durable }, 'consumer stopped; restarting');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
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
        span.end();
      }
    });
  }

  private async fail(definition: ConsumerDefinition, message: JsMsg, error: unknown): Promise<void> {
    const attempts = message.info.deliveryCount;
    const log = { err: error, consumer: definition.durable, seq: message.seq, attempts };
    if (isPoison(error) || attempts >= definition.maxDeliver) {
      this.options.logger.error(log, 'giving up on message; dead-lettered');
      await deadLetter(this.options.connection, this.options.names, definition, message, error);
      message.term(String((error as Error)?.message ?? error).slice(0, 200));
      return;
    }
    this.options.logger.warn(log, 'handler failed; will retry');
    message.nak(error instanceof RetryLaterError ? error.delayMs : redeliveryDelayMs(attempts));
  }
}

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
