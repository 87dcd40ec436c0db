import { metadataFor, personOf, settingsEventSchema, SUBJECTS, type InboundActivity, type UserSettingName, type UserSettings } from '@herald/contracts';
import { handleCommand, subjectToken, type EventStore } from '@herald/event-sourcing';
import { userSettingsDecider } from './user-settings.decider.js';

/** Each person's settings, kept as events on their own subject in SETTINGS. */
export class SettingsBook {
  constructor(private readonly events: EventStore) {}

  async settingsOf(activity: InboundActivity): Promise<UserSettings> {
    const { events } = await this.events.read(this.subjectOf(activity), (raw) => settingsEventSchema.parse(raw));
    return events.reduce((state, { event }) => userSettingsDecider.evolve(state, event), userSettingsDecider.initialState());
  }

  /** The settings that changed. */
  async save(activity: InboundActivity, values: Partial<Record<UserSettingName, boolean>>, cause: { id: string; now: Date }): Promise<UserSettingName[]> {
    const command = { type: 'ChangeUserSettings' as const, data: { ...personOf(activity), values }, metadata: metadataFor({ id: cause.id, occurredAt: cause.now }) };
    const { events } = await handleCommand(this.events, userSettingsDecider, { subject: this.subjectOf(activity), parse: (raw) => settingsEventSchema.parse(raw) }, command);
    return events.map((event) => event.data.setting);
  }

  private subjectOf(activity: InboundActivity): string {
    return SUBJECTS.userSetting(subjectToken(personOf(activity).userKey));
  }
}
