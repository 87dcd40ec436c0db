import { context, propagation, type Context } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

/** Writes the active W3C trace context (`traceparent`, `tracestate`) into NATS headers. */
export function injectTraceContext(headers: MsgHdrs, from: Context = context.active()): void {
  propagation.inject(from, headers, {
    set: (carrier, key, value) => carrier.set(key, value),
  });
}

/** Reads the W3C trace context a publisher put into NATS headers. */
export function extractTraceContext(headers: MsgHdrs | undefined): Context {
  if (!headers) return context.active();
  return propagation.extract(context.active(), headers, {
    get: (carrier, key) => carrier.get(key) || undefined,
    keys: (carrier) => [...carrier.keys()],
  });
}

/** The active context's `traceparent` value, for message metadata. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}

export { natsHeaders };
