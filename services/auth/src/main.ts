import { parseConfigOrExit } from '@herald/config';
import { createLogger, startTelemetry } from '@herald/telemetry';
import { authConfigSchema } from './auth.config.js';

const config = parseConfigOrExit(authConfigSchema, process.env);
const telemetry = startTelemetry({ serviceName: 'herald-auth', otlpEndpoint: config.telemetry.otlpEndpoint });
const logger = createLogger({ service: 'auth', level: config.telemetry.logLevel });

// Imported only now, so the HTTP instrumentation is in place before Fastify loads.
const { createAuthApp } = await import('./app.js');
const app = await createAuthApp(config, logger);
await app.listen({ port: config.port, host: '0.0.0.0' });
logger.info({ port: config.port }, 'auth listening');

// Kubernetes sends SIGTERM: stop consuming, drain NATS, close Postgres, flush spans, then exit.
const shutdown = () =>
  app
    .close()
    .then(() => telemetry.shutdown())
    .catch((error: unknown) => logger.error({ err: error }, 'unclean shutdown'))
    .finally(() => process.exit(0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown());
