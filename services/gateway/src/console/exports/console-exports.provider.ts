import type { Provider } from '@nestjs/common';
import { EventStore } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { ConsoleExports } from './console-exports.js';

/** Exports kept as events on the CONSOLE stream. */
export function consoleExports(deps: { bus: MessageBus; logger: Logger }): Provider {
  return { provide: ConsoleExports, useValue: new ConsoleExports(new EventStore(deps.bus, { stream: deps.bus.names.stream('console').name }), deps.logger) };
}
