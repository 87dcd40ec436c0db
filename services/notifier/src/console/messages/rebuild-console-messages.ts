import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { consoleMessagesProjection, CONSOLE_MESSAGES_TABLES } from './console-messages.projection.js';

/** Empties `console_messages` and replays the CONSOLE stream's message events into it. */
export function rebuildConsoleMessages(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, consoleMessagesProjection(bus.names.stream('console').name), CONSOLE_MESSAGES_TABLES);
}
