import type { PreferenceChanges, SettingsEvent, TopicPreference, UserPreferences } from '@herald/contracts';

/** A topic the person never set reaches them at once. */
export const DEFAULT_TOPIC: TopicPreference = { subscribed: true, delivery: 'now' };

/** Someone's preferences, and who they are as their latest settings event named them. */
export interface PreferencesState extends UserPreferences {
  readonly person: { userId: string; aadObjectId?: string; tenantId?: string } | undefined;
}

export const initialState = (): PreferencesState => ({ notifications: 'on', timeZone: undefined, locale: undefined, quietHours: null, topics: {}, person: undefined });

export function evolve(state: PreferencesState, event: SettingsEvent): PreferencesState {
  const { userId, aadObjectId, tenantId } = event.data;
  const person = { userId, ...(aadObjectId ? { aadObjectId } : {}), ...((tenantId ?? state.person?.tenantId) ? { tenantId: tenantId ?? state.person?.tenantId } : {}) };
  switch (event.type) {
    case 'UserSettingChanged':
      return { ...state, person, notifications: event.data.value ? 'off' : 'on' };
    case 'UserPreferencesChanged':
      return { ...applyChanges(state, event.data.changes), person };
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled settings event ${(unexpected as { type: string }).type}`);
    }
  }
}

/** A topic's preference, if the person has one: own keys only (a topic may be named `constructor`). */
export function topicOf<T>(topics: Readonly<Record<string, T>>, topic: string): T | undefined {
  return Object.hasOwn(topics, topic) ? topics[topic] : undefined;
}

/** The preferences once `changes` are made (a topic's missing field keeps its value, or its default). */
export function applyChanges<T extends UserPreferences>(state: T, changes: PreferenceChanges): T {
  const topics = { ...state.topics };
  for (const [topic, change] of Object.entries(changes.topics ?? {})) topics[topic] = { ...(topicOf(state.topics, topic) ?? DEFAULT_TOPIC), ...definedOnly(change) };
  return {
    ...state,
    ...(changes.notifications !== undefined ? { notifications: changes.notifications } : {}),
    ...(changes.timeZone !== undefined ? { timeZone: changes.timeZone } : {}),
    ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
    ...(changes.quietHours !== undefined ? { quietHours: changes.quietHours } : {}),
    topics,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
