import { deriveId, metadataFor, USER_SETTINGS, type ChangeUserSettings, type SettingsEvent, type UserSettingName, type UserSettings } from '@herald/contracts';

export const initialState = (): UserSettings =>
  Object.fromEntries(Object.entries(USER_SETTINGS).map(([name, setting]) => [name, setting.default])) as UserSettings;

export function evolve(state: UserSettings, event: SettingsEvent): UserSettings {
  switch (event.type) {
    case 'UserSettingChanged':
      return { ...state, [event.data.setting]: event.data.value };
    default: {
      const unexpected: never = event.type;
      throw new Error(`unhandled settings event ${String(unexpected)}`);
    }
  }
}

/** One UserSettingChanged per setting whose value differs; saving the same values changes nothing. */
export function decide(command: ChangeUserSettings, state: UserSettings): SettingsEvent[] {
  const { values, ...person } = command.data;
  return (Object.entries(values) as [UserSettingName, boolean | undefined][])
    .filter(([setting, value]) => value !== undefined && state[setting] !== value)
    .map(([setting, value]) => ({
      type: 'UserSettingChanged' as const,
      data: { ...person, setting, value: value! },
      metadata: metadataFor({ id: deriveId('UserSettingChanged', command.metadata.id, setting), cause: command.metadata, occurredAt: new Date(command.metadata.occurredAt), traceparent: command.metadata.traceparent }),
    }));
}

export const userSettingsDecider = { initialState, evolve, decide };
