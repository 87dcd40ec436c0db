import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

export interface TelemetryOptions {
  serviceName: string;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: traces are exported over OTLP/HTTP when set. */
  otlpEndpoint?: string | undefined;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
}

export interface Telemetry {
  shutdown(): Promise<void>;
}

const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Starts the OpenTelemetry SDK. Call it first in `main.ts`, before Nest or Fastify are imported,
 * so the HTTP instrumentation sees every request. Trace ids exist even without an exporter,
 * so logs always carry them.
 */
/** Query parameters whose values never reach a span: OpenTelemetry's defaults and OAuth's. */
const REDACTED_QUERY_PARAMS = ['sig', 'Signature', 'AWSAccessKeyId', 'X-Goog-Signature', 'code', 'state', 'session_state', 'id_token', 'access_token', 'code_verifier'];

export function startTelemetry(options: TelemetryOptions): Telemetry {
  const exporting = options.otlpEndpoint
    ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }) })]
    : [];
  const spanProcessors = [...exporting, ...(options.spanProcessors ?? [])];
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: spanProcessors.length > 0 ? spanProcessors : [new NoopSpanProcessor()],
    // Traces only. Left unset, the SDK would also export metrics and logs over OTLP, to
    // localhost:4318 when no endpoint is configured (and retry for seconds at shutdown). Metrics
    // are served on /metrics (prom-client); logs are JSON lines on stdout.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
        // The sign-in callback carries an authorization code and state; links carry signed state.
        redactedQueryParamsServer: REDACTED_QUERY_PARAMS,
        redactedQueryParams: REDACTED_QUERY_PARAMS,
      }),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
