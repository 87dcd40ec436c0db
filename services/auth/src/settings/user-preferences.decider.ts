import { deriveId, isLocale, isTimeZone, localTimeSchema, metadataFor, topicSchema, type ChangeUserPreferences, type PreferenceChanges, type SettingsEvent } from '@herald/contracts';
import { DEFAULT_TOPIC, evolve, initialState, topicOf, type PreferencesState } from './user-preferences.js';

/** A change that cannot be made, naming the field at fault (the API answers 400 with it; the card shows the message). */
export class PreferenceRefused extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'PreferenceRefused';
  }
}

/**
 * One UserPreferencesChanged carrying only what differs from the current preferences (nothing:
 * no event). `firstSeen` fills in only what was never set. Refuses (PreferenceRefused) an unknown
 * time zone, a malformed locale or time, quiet hours that end when they start or that have no
 * time zone to be kept in.
 */
export function decide(command: ChangeUserPreferences, state: PreferencesState): SettingsEvent[] {
  const { changes: asked, source, ...person } = command.data;
  const wanted = source === 'firstSeen' ? neverSet(asked, state) : asked;
  check(wanted, state);
  const changes = differences(wanted, state);
  if (Object.keys(changes).length === 0) return [];
  const metadata = metadataFor({ id: deriveId('UserPreferencesChanged', command.metadata.id), cause: command.metadata, occurredAt: new Date(command.metadata.occurredAt), traceparent: command.metadata.traceparent });
  return [{ type: 'UserPreferencesChanged', data: { ...person, changes, source }, metadata }];
}

function neverSet(changes: PreferenceChanges, state: PreferencesState): PreferenceChanges {
  return {
    ...(state.timeZone === undefined && changes.timeZone !== undefined ? { timeZone: changes.timeZone } : {}),
    ...(state.locale === undefined && changes.locale !== undefined ? { locale: changes.locale } : {}),
  };
}

function check(changes: PreferenceChanges, state: PreferencesState): void {
  if (changes.timeZone !== undefined && !isTimeZone(changes.timeZone)) throw new PreferenceRefused('timeZone', `unknown time zone "${changes.timeZone}": give an IANA name such as Europe/Berlin`);
  if (changes.locale !== undefined && !isLocale(changes.locale)) throw new PreferenceRefused('locale', `"${changes.locale}" is no language tag: give one such as en-US`);
  const quiet = changes.quietHours;
  if (quiet) {
    for (const end of ['start', 'end'] as const) {
      if (!localTimeSchema.safeParse(quiet[end]).success) throw new PreferenceRefused(`quietHours.${end}`, `quiet hours ${end}: a time of day, HH:mm`);
    }
    if (quiet.start === quiet.end) throw new PreferenceRefused('quietHours.end', 'quiet hours end when they start: give another end');
    if ((changes.timeZone ?? state.timeZone) === undefined) throw new PreferenceRefused('timeZone', 'quiet hours are kept in your time zone: give timeZone too');
  }
  for (const topic of Object.keys(changes.topics ?? {})) {
    if (!topicSchema.safeParse(topic).success) throw new PreferenceRefused(`topics.${topic}`, `"${topic}" is no topic name: lower-case letters, digits, ".", "_" and "-", up to 64`);
  }
}

function differences(changes: PreferenceChanges, state: PreferencesState): PreferenceChanges {
  const topics = Object.fromEntries(
    Object.entries(changes.topics ?? {}).flatMap(([topic, change]) => {
      const current = topicOf(state.topics, topic);
      if (current === undefined) return [[topic, { ...DEFAULT_TOPIC, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) }]];
      const changed = { ...(change.subscribed !== undefined && change.subscribed !== current.subscribed ? { subscribed: change.subscribed } : {}), ...(change.delivery !== undefined && change.delivery !== current.delivery ? { delivery: change.delivery } : {}) };
      return Object.keys(changed).length > 0 ? [[topic, changed]] : [];
    }),
  );
  const sameQuietHours = changes.quietHours === undefined || (changes.quietHours === null ? state.quietHours === null : changes.quietHours.start === state.quietHours?.start && changes.quietHours.end === state.quietHours.end);
  return {
    ...(changes.notifications !== undefined && changes.notifications !== state.notifications ? { notifications: changes.notifications } : {}),
    ...(changes.timeZone !== undefined && changes.timeZone !== state.timeZone ? { timeZone: changes.timeZone } : {}),
    ...(changes.locale !== undefined && changes.locale !== state.locale ? { locale: changes.locale } : {}),
    ...(sameQuietHours ? {} : { quietHours: changes.quietHours === null ? null : { start: changes.quietHours!.start, end: changes.quietHours!.end } }),
    ...(Object.keys(topics).length > 0 ? { topics } : {}),
  };
}

export const userPreferencesDecider = { initialState, evolve, decide };
