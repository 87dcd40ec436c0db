import { settingsEventSchema, SUBJECTS, type SettingsEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';

export const PAUSED_PEOPLE = 'paused-people';

/** `paused_people`: who turned on "Pause all notifications" (auth's settings events). */
export function pausedPeopleProjection(stream: string): Projection<SettingsEvent> {
  return {
    name: PAUSED_PEOPLE,
    stream,
    filter: SUBJECTS.userSettings,
    parse: (body) => settingsEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) {
        if (event.data.setting !== 'notificationsPaused') continue;
        if (event.data.value) {
          await em.execute('insert into paused_people (user_key, paused_at) values (?, ?) on conflict do nothing', [event.data.userKey, event.metadata.occurredAt]);
        } else {
          await em.execute('delete from paused_people where user_key = ?', [event.data.userKey]);
        }
      }
    },
  };
}
