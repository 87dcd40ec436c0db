import { settingsEventSchema, SUBJECTS, type PreferenceChanges, type SettingsEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';

export const PERSON_PREFERENCES = 'person-preferences';
export const PERSON_PREFERENCES_TABLES = ['person_preferences', 'person_topic_preferences'] as const;

/**
 * `person_preferences` and `person_topic_preferences`: what the notifier obeys of each person's
 * preferences (auth's settings events, the first UserSettingChanged ones included) — whether
 * notifications are on, their time zone and quiet hours, and per topic whether they follow it
 * (with when they said so: the router's subscribe/unsubscribe may say otherwise later) and how
 * it reaches them.
 */
export function personPreferencesProjection(stream: string): Projection<SettingsEvent> {
  return {
    name: PERSON_PREFERENCES,
    stream,
    filter: SUBJECTS.userSettings,
    parse: (body) => settingsEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) await project(em, event);
    },
  };
}

async function project(em: EntityManager, event: SettingsEvent): Promise<void> {
  const { userKey } = event.data;
  const at = event.metadata.occurredAt;
  await em.execute('insert into person_preferences (user_key, changed_at) values (?, ?) on conflict do nothing', [userKey, at]);
  switch (event.type) {
    case 'UserSettingChanged':
      await em.execute('update person_preferences set notifications_on = ?, changed_at = ? where user_key = ?', [!event.data.value, at, userKey]);
      return;
    case 'UserPreferencesChanged':
      await changePerson(em, userKey, event.data.changes, at);
      for (const [topic, change] of Object.entries(event.data.changes.topics ?? {})) {
        await em.execute(
          `insert into person_topic_preferences (user_key, topic, subscribed, subscribed_at, delivery) values (?, ?, ?, ?, ?)
           on conflict (user_key, topic) do update set
             subscribed = coalesce(excluded.subscribed, person_topic_preferences.subscribed),
             subscribed_at = coalesce(excluded.subscribed_at, person_topic_preferences.subscribed_at),
             delivery = coalesce(excluded.delivery, person_topic_preferences.delivery)`,
          [userKey, topic, change.subscribed ?? null, change.subscribed === undefined ? null : at, change.delivery ?? null],
        );
      }
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled settings event ${(unexpected as { type: string }).type}`);
    }
  }
}

async function changePerson(em: EntityManager, userKey: string, changes: PreferenceChanges, at: string): Promise<void> {
  const set: Record<string, unknown> = { changed_at: at };
  if (changes.notifications !== undefined) set['notifications_on'] = changes.notifications === 'on';
  if (changes.timeZone !== undefined) set['time_zone'] = changes.timeZone;
  if (changes.quietHours !== undefined) Object.assign(set, { quiet_start: changes.quietHours?.start ?? null, quiet_end: changes.quietHours?.end ?? null });
  const columns = Object.keys(set);
  await em.execute(`update person_preferences set ${columns.map((column) => `${column} = ?`).join(', ')} where user_key = ?`, [...Object.values(set), userKey]);
}
