export { startTelemetry, type Telemetry, type TelemetryOptions } from './start-telemetry.js';
export { createLogger, NestPinoLogger, type Logger, type LoggerOptions } from './logger.js';
export { LOGGER } from './tokens.js';
export { closeOnSignals } from './close-on-signals.js';
