import { parseConfigOrExit } from '@herald/config';
import { createLogger, startTelemetry } from '@herald/telemetry';
import { graphSyncConfigSchema } from './graph-sync.config.js';

const config = parseConfigOrExit(graphSyncConfigSchema, process.env);
const telemetry = startTelemetry({ serviceName: 'herald-graph-sync', otlpEndpoint: config.telemetry.otlpEndpoint });
const logger = createLogger({ service: 'graph-sync', level: config.telemetry.logLevel });

// Imported only now, so the HTTP instrumentation is in place before Fastify loads.
const { createGraphSyncApp } = await import('./app.js');
const app = await createGraphSyncApp(config, logger);
await app.listen({ port: config.port, host: '0.0.0.0' });
logger.info({ port: config.port }, 'graph-sync listening');

// Kubernetes sends SIGTERM: stop consuming, drain NATS, close Postgres, flush spans, then exit.
const shutdown = () =>
  app
    .close()
    .then(() => telemetry.shutdown())
    .catch((error: unknown) => logger.error({ err: error }, 'unclean shutdown'))
    .finally(() => process.exit(0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown());
