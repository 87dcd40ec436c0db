import { jetstream, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import { SpanKind, SpanStatusCode, context, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { BusNames, Message } from '@herald/contracts';
import { injectTraceContext, natsHeaders } from './trace-headers.js';
import { REPLY_ERROR_HEADER } from './request-reply.js';
import { endOfTurn } from './same-turn.js';

const tracer = trace.getTracer('@herald/messaging');

export interface PublishOptions {
  /** De-duplication id; defaults to the message's own id. */
  msgID?: string;
  /** Optimistic concurrency: the subject's last sequence the writer saw (0 = no message yet). */
  expectLastSubjectSequence?: number;
  timeoutMs?: number;
}

/** Publishes Herald messages to JetStream: JSON body, `Nats-Msg-Id`, W3C trace headers. */
export class MessageBus {
  private readonly js: JetStreamClient;

  constructor(
    readonly connection: NatsConnection,
    readonly names: BusNames,
  ) {
    this.js = jetstream(connection);
  }

  /**
   * Core NATS request/reply to a `@MessagePattern` handler, inside the current trace.
   * Rejects on timeout, when nobody serves the subject, or when the handler failed.
   */
  async request(relativeSubject: string, message: Message<string, unknown>, timeoutMs: number): Promise<unknown> {
    const subject = this.names.subject(relativeSubject);
    const attributes = { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'herald.message.type': message.type };
    return traced(`request ${subject}`, SpanKind.CLIENT, attributes, async (headers) => {
      const reply = await this.connection.request(subject, JSON.stringify(message), { timeout: timeoutMs, headers });
      const body = reply.json<unknown>();
      if (reply.headers?.get(REPLY_ERROR_HEADER)) throw new Error(`handler of ${subject} failed: ${(body as { error?: string }).error}`);
      return body;
    });
  }

  /**
   * Hears messages on `subject` (relative; wildcards allowed) as they are published — core NATS,
   * nothing replayed or acknowledged: for live views that re-read their state on a change.
   * `onMessage` gets each body parsed (undefined when it is not JSON). Ends with `unsubscribe()`.
   */
  subscribe(relativeSubject: string, onMessage: (body: unknown, subject: string) => void): { unsubscribe(): void } {
    const prefix = this.names.subject('');
    const subscription = this.connection.subscribe(this.names.subject(relativeSubject), {
      callback: (error, message) => {
        if (error) return;
        let body: unknown;
        try {
          body = message.json<unknown>();
        } catch {
          body = undefined;
        }
        onMessage(body, message.subject.startsWith(prefix) ? message.subject.slice(prefix.length) : message.subject);
      },
    });
    return { unsubscribe: () => subscription.unsubscribe() };
  }

  /**
   * Stores an empty marker on `subject` (relative) unless the stream holds one there already —
   * JetStream's create semantics, atomic across every client: true when this call created it.
   * For coordination such as rate-limit slots; no trace headers, no de-duplication id.
   */
  async claim(relativeSubject: string, timeoutMs = 2_000): Promise<boolean> {
    try {
      await this.js.publish(this.names.subject(relativeSubject), '', { expect: { lastSubjectSequence: 0 }, timeout: timeoutMs });
      return true;
    } catch (error) {
      if (/wrong last sequence/i.test(String((error as Error)?.message))) return false;
      throw error;
    }
  }

  /**
   * Publishes to `subject` (relative to the bus prefix, e.g. `SUBJECTS.sendActivity`).
   * Resolves once JetStream has stored the message (or recognised it as a duplicate).
   */
  async publish(relativeSubject: string, message: Message<string, unknown>, options: PublishOptions = {}): Promise<PubAck> {
    const subject = this.names.subject(relativeSubject);
    const attributes = {
      'messaging.system': 'nats',
      'messaging.operation.type': 'send',
      'messaging.destination.name': subject,
      'messaging.message.id': message.metadata.id,
      'herald.message.type': message.type,
    };
    return traced(`publish ${subject}`, SpanKind.PRODUCER, attributes, async (headers, span) => {
      headers.set('Herald-Type', message.type);
      const data = JSON.stringify(message);
      await endOfTurn();
      const ack = await this.js.publish(subject, data, {
        msgID: options.msgID ?? message.metadata.id,
        headers,
        timeout: options.timeoutMs ?? 5_000,
        ...(options.expectLastSubjectSequence !== undefined ? { expect: { lastSubjectSequence: options.expectLastSubjectSequence } } : {}),
      });
      span.setAttributes({ 'messaging.nats.stream': ack.stream, 'messaging.nats.sequence': ack.seq, 'herald.duplicate': ack.duplicate });
      return ack;
    });
  }
}

/** Runs `work` in a span whose context travels in the NATS headers it is given; errors mark the span. */
async function traced<T>(name: string, kind: SpanKind, attributes: Attributes, work: (headers: MsgHdrs, span: Span) => Promise<T>): Promise<T> {
  const span = tracer.startSpan(name, { kind, attributes });
  try {
    const headers = natsHeaders();
    injectTraceContext(headers, trace.setSpan(context.active(), span));
    return await work(headers, span);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}
