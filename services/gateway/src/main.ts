import { parseConfigOrExit } from '@herald/config';
import { closeOnSignals, createLogger, startTelemetry } from '@herald/telemetry';
import { gatewayConfigSchema } from './gateway.config.js';

const config = parseConfigOrExit(gatewayConfigSchema, process.env);
const telemetry = startTelemetry({ serviceName: 'herald-gateway', otlpEndpoint: config.telemetry.otlpEndpoint });
const logger = createLogger({ service: 'gateway', level: config.telemetry.logLevel });

// Imported only now, so the HTTP instrumentation is in place before Fastify loads.
const { createGatewayApp } = await import('./app.js');
const app = await createGatewayApp(config, logger);
await app.listen({ port: config.port, host: '0.0.0.0' });
logger.info({ port: config.port, devMode: config.microsoft.devMode }, 'gateway listening');

closeOnSignals(app, telemetry, logger);
