import { metadataFor, settingsEventSchema, SUBJECTS, type PreferenceChanges, type SettingsEvent, type ChangeUserPreferences } from '@herald/contracts';
import { handleCommand, subjectToken, type EventStore } from '@herald/event-sourcing';
import { userPreferencesDecider } from './user-preferences.decider.js';
import type { PreferencesState } from './user-preferences.js';

type Person = Omit<ChangeUserPreferences['data'], 'changes' | 'source'>;
const parse = (raw: unknown) => settingsEventSchema.parse(raw);

/** Each person's settings, kept as events on their own subject in SETTINGS (keyed by their Entra object id when known, else their `29:` id). */
export class SettingsBook {
  constructor(private readonly events: EventStore) {}

  /** Their preferences as the event log has them; undefined when nothing was ever recorded of them. */
  async preferencesOf(userKey: string): Promise<PreferencesState | undefined> {
    const { events } = await this.events.read(subjectOf(userKey), parse);
    if (events.length === 0) return undefined;
    return events.reduce((state, { event }) => userPreferencesDecider.evolve(state, event), userPreferencesDecider.initialState());
  }

  /** Makes the change; the events it caused (none when nothing differs). `cause.id` makes a repeat a no-op. Throws PreferenceRefused. */
  async change(person: Person, changes: PreferenceChanges, source: ChangeUserPreferences['data']['source'], cause: { id: string; now: Date }): Promise<SettingsEvent[]> {
    const command: ChangeUserPreferences = { type: 'ChangeUserPreferences', data: { ...person, changes, source }, metadata: metadataFor({ id: cause.id, occurredAt: cause.now }) };
    const { events } = await handleCommand(this.events, userPreferencesDecider, { subject: subjectOf(person.userKey), parse }, command);
    return events;
  }
}

function subjectOf(userKey: string): string {
  return SUBJECTS.userSetting(subjectToken(userKey));
}
