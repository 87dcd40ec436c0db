import { parseConfigOrExit } from '@herald/config';
import { closeOnSignals, createLogger, startTelemetry } from '@herald/telemetry';
import { notifierConfigSchema } from './notifier.config.js';

const config = parseConfigOrExit(notifierConfigSchema, process.env);
const telemetry = startTelemetry({ serviceName: 'herald-notifier', otlpEndpoint: config.telemetry.otlpEndpoint });
const logger = createLogger({ service: 'notifier', level: config.telemetry.logLevel });

// Imported only now, so the HTTP instrumentation is in place before Fastify loads.
const { createNotifierApp } = await import('./app.js');
const app = await createNotifierApp(config, logger);
await app.listen({ port: config.port, host: '0.0.0.0' });
logger.info({ port: config.port, devMode: config.microsoft.devMode }, 'notifier listening');

closeOnSignals(app, telemetry, logger);
