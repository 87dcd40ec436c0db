import { settingsEventSchema, SUBJECTS, type SettingsEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';
import { evolve, initialState, type PreferencesState } from '../settings/user-preferences.js';

export const USER_PREFERENCES = 'user-preferences';
export const USER_PREFERENCES_TABLES = ['user_preferences'] as const;

type Row = { user_key: string; user_id: string; aad_object_id: string | null; tenant_id: string | null; notifications: 'on' | 'off'; time_zone: string | null; locale: string | null; quiet_start: string | null; quiet_end: string | null; topics: PreferencesState['topics'] };

/** `user_preferences`: each person's preferences, folded from their settings events with the aggregate's own `evolve`. */
export function userPreferencesProjection(stream: string): Projection<SettingsEvent> {
  return {
    name: USER_PREFERENCES,
    stream,
    filter: SUBJECTS.userSettings,
    parse: (body) => settingsEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) {
        const current = await findPreferences(em, event.data.userKey);
        await save(em, event.data.userKey, evolve(current ?? initialState(), event), event.metadata.occurredAt);
      }
    },
  };
}

/** The person's preferences as projected; undefined when the projection has none (yet). */
export async function findPreferences(em: EntityManager, userKey: string): Promise<PreferencesState | undefined> {
  const rows = await em.execute<Row[]>('select * from user_preferences where user_key = ?', [userKey]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    person: { userId: row.user_id, ...(row.aad_object_id ? { aadObjectId: row.aad_object_id } : {}), ...(row.tenant_id ? { tenantId: row.tenant_id } : {}) },
    notifications: row.notifications,
    timeZone: row.time_zone ?? undefined,
    locale: row.locale ?? undefined,
    quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
    topics: row.topics,
  };
}

async function save(em: EntityManager, userKey: string, state: PreferencesState, at: string): Promise<void> {
  await em.execute(
    `insert into user_preferences (user_key, user_id, aad_object_id, tenant_id, notifications, time_zone, locale, quiet_start, quiet_end, topics, changed_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (user_key) do update set user_id = excluded.user_id, aad_object_id = excluded.aad_object_id, tenant_id = excluded.tenant_id,
       notifications = excluded.notifications, time_zone = excluded.time_zone, locale = excluded.locale, quiet_start = excluded.quiet_start,
       quiet_end = excluded.quiet_end, topics = excluded.topics, changed_at = excluded.changed_at`,
    [userKey, state.person?.userId ?? userKey, state.person?.aadObjectId ?? null, state.person?.tenantId ?? null, state.notifications, state.timeZone ?? null, state.locale ?? null, state.quietHours?.start ?? null, state.quietHours?.end ?? null, JSON.stringify(state.topics), at],
  );
}
