import { parseConfigOrExit } from '@herald/config';
import { closeOnSignals, createLogger, startTelemetry } from '@herald/telemetry';
import { routerConfigSchema } from './router.config.js';

const config = parseConfigOrExit(routerConfigSchema, process.env);
const telemetry = startTelemetry({ serviceName: 'herald-router', otlpEndpoint: config.telemetry.otlpEndpoint });
const logger = createLogger({ service: 'router', level: config.telemetry.logLevel });

// Imported only now, so the HTTP instrumentation is in place before Fastify loads.
const { createRouterApp } = await import('./app.js');
const app = await createRouterApp(config, logger);
await app.listen({ port: config.port, host: '0.0.0.0' });
logger.info({ port: config.port }, 'router listening');

closeOnSignals(app, telemetry, logger);
