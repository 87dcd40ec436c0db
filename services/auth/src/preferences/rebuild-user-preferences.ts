import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { USER_PREFERENCES_TABLES, userPreferencesProjection } from './user-preferences.projection.js';

/** Empties `user_preferences` and replays every settings event of the SETTINGS stream into it. */
export function rebuildUserPreferences(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, userPreferencesProjection(bus.names.stream('settings').name), USER_PREFERENCES_TABLES);
}
