import { parseConfigOrExit } from '@herald/config';
import { closeOnSignals, createLogger, startTelemetry } from '@herald/telemetry';
import { authConfigSchema } from './auth.config.js';

const config = parseConfigOrExit(authConfigSchema, process.env);
const telemetry = startTelemetry({ serviceName: 'herald-auth', otlpEndpoint: config.telemetry.otlpEndpoint });
const logger = createLogger({ service: 'auth', level: config.telemetry.logLevel });

// Imported only now, so the HTTP instrumentation is in place before Fastify loads.
const { createAuthApp } = await import('./app.js');
const app = await createAuthApp(config, logger);
await app.listen({ port: config.port, host: '0.0.0.0' });
logger.info({ port: config.port }, 'auth listening');

closeOnSignals(app, telemetry, logger);
