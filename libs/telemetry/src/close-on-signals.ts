import type { Logger } from 'pino';
import type { Telemetry } from './start-telemetry.js';

/**
 * On SIGTERM (Kubernetes) or SIGINT: close the app (stop consuming, drain NATS, close Postgres),
 * flush the last spans, then exit.
 */
export function closeOnSignals(app: { close(): Promise<void> }, telemetry: Telemetry, logger: Logger): void {
  const shutdown = () =>
    app
      .close()
      .then(() => telemetry.shutdown())
      .catch((error: unknown) => logger.error({ err: error }, 'unclean shutdown'))
      .finally(() => process.exit(0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown());
}
