import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { consoleTeamsProjection, CONSOLE_TEAMS_TABLES } from './console-teams.projection.js';

/** Empties the console's teams and channels and replays the CONVERSATIONS stream into them. */
export function rebuildConsoleTeams(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, consoleTeamsProjection(bus.names.stream('conversations').name), CONSOLE_TEAMS_TABLES);
}
