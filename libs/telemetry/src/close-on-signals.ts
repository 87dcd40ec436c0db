import type { Logger } from 'pino';
import type { Telemetry } from './start-telemetry.js';

/**
 * Herald's processes exit within this long of a SIGTERM, well inside Kubernetes' default grace
 * period: whatever has not finished by then is abandoned, and its unacknowledged messages come
 * back after AckWait.
 */
const EXIT_DEADLINE_MS = 9_500;

/**
 * On SIGTERM (Kubernetes) or SIGINT: close the app (stop consuming and let running handlers
 * finish, stop projections, close HTTP, drain NATS, close Postgres), flush the last spans, then
 * exit — by EXIT_DEADLINE_MS at the latest, with status 1 if the shutdown had to be cut short.
 */
export function closeOnSignals(app: { close(): Promise<void> }, telemetry: Telemetry, logger: Logger): void {
  const shutdown = () => {
    setTimeout(() => {
      logger.error({ deadlineMs: EXIT_DEADLINE_MS }, 'shutdown did not finish in time; exiting anyway');
      process.exit(1);
    }, EXIT_DEADLINE_MS).unref();
    return app
      .close()
      .then(() => telemetry.shutdown())
      .catch((error: unknown) => logger.error({ err: error }, 'unclean shutdown'))
      .finally(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown());
}
