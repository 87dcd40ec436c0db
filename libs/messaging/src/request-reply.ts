import type { MessageHandler } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { lastValueFrom, type Observable } from 'rxjs';
import type { Logger } from '@herald/telemetry';
import { extractTraceContext, injectTraceContext, natsHeaders } from './trace-headers.js';

const tracer = trace.getTracer('@herald/messaging');

/** Header set on a reply whose handler failed; the body then carries `{ error }`. */
export const REPLY_ERROR_HEADER = 'Herald-Error';

/**
 * Serves a `@MessagePattern(subject)` handler over core NATS request/reply, in a queue group
 * so each request reaches one replica. The handler's return value is the JSON reply.
 */
export function serveRequests(options: {
  connection: NatsConnection;
  subject: string;
  queue: string;
  handler: MessageHandler;
  toObservable: (result: unknown) => Observable<unknown>;
  logger: Logger;
}): Subscription {
  return options.connection.subscribe(options.subject, {
    queue: options.queue,
    callback: (error, message) => {
      if (error) return options.logger.error({ err: error, subject: options.subject }, 'request subscription failed');
      void answer(options, message);
    },
  });
}

async function answer(options: Parameters<typeof serveRequests>[0], message: Msg): Promise<void> {
  const parent = extractTraceContext(message.headers);
  const span = tracer.startSpan(`process ${message.subject}`, { kind: SpanKind.SERVER, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': message.subject } }, parent);
  await context.with(trace.setSpan(parent, span), async () => {
    const headers = natsHeaders();
    injectTraceContext(headers);
    try {
      const result: unknown = await options.handler(message.json<unknown>(), undefined);
      const reply = await lastValueFrom(options.toObservable(result), { defaultValue: undefined });
      message.respond(JSON.stringify(reply ?? null), { headers });
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      options.logger.error({ err: error, subject: message.subject }, 'request handler failed');
      headers.set(REPLY_ERROR_HEADER, 'true');
      message.respond(JSON.stringify({ error: (error as Error).message ?? String(error) }), { headers });
    } finally {
      span.end();
    }
  });
}
