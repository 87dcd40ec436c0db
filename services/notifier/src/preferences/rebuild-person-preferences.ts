import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { PERSON_PREFERENCES_TABLES, personPreferencesProjection } from './person-preferences.projection.js';

/** Empties `person_preferences` and `person_topic_preferences` and replays every settings event of the SETTINGS stream into them. */
export function rebuildPersonPreferences(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, personPreferencesProjection(bus.names.stream('settings').name), PERSON_PREFERENCES_TABLES);
}
