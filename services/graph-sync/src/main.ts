import { parseConfigOrExit } from '@herald/config';
import { closeOnSignals, createLogger, startTelemetry } from '@herald/telemetry';
import { graphSyncConfigSchema } from './graph-sync.config.js';

const config = parseConfigOrExit(graphSyncConfigSchema, process.env);
const telemetry = startTelemetry({ serviceName: 'herald-graph-sync', otlpEndpoint: config.telemetry.otlpEndpoint });
const logger = createLogger({ service: 'graph-sync', level: config.telemetry.logLevel });

// Imported only now, so the HTTP instrumentation is in place before Fastify loads.
const { createGraphSyncApp } = await import('./app.js');
const app = await createGraphSyncApp(config, logger);
await app.listen({ port: config.port, host: '0.0.0.0' });
logger.info({ port: config.port }, 'graph-sync listening');

closeOnSignals(app, telemetry, logger);
