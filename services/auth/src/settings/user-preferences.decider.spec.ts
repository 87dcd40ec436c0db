import { describe, expect, it } from 'vitest';
import type { ChangeUserPreferences, PreferenceChanges, SettingsEvent, UserSettingChanged } from '@herald/contracts';
import { decide, PreferenceRefused } from './user-preferences.decider.js';
import { evolve, initialState, type PreferencesState } from './user-preferences.js';

const person = { userKey: 'aad-1', userId: '29:u', aadObjectId: 'aad-1', tenantId: 'tenant-1' };
const metadata = (id: string) => ({ id, occurredAt: '2026-12-08T12:00:00.000Z', correlationId: id, causationId: null });
const change = (changes: PreferenceChanges, source: ChangeUserPreferences['data']['source'] = 'card', id = 'cmd-1'): ChangeUserPreferences => ({ type: 'ChangeUserPreferences', data: { ...person, changes, source }, metadata: metadata(id) });
const given = (...events: SettingsEvent[]): PreferencesState => events.reduce(evolve, initialState());
const after = (state: PreferencesState, command: ChangeUserPreferences) => decide(command, state).reduce(evolve, state);
const paused = (value: boolean): UserSettingChanged => ({ type: 'UserSettingChanged', data: { ...person, setting: 'notificationsPaused', value }, metadata: metadata(`old-${String(value)}`) });
const changed = (changes: PreferenceChanges, id = 'e'): SettingsEvent => ({ type: 'UserPreferencesChanged', data: { ...person, changes, source: 'card' }, metadata: metadata(id) });

describe('user preferences', () => {
  it('start with notifications on, no time zone or quiet hours, every topic at once', () => {
    expect(initialState()).toMatchObject({ notifications: 'on', timeZone: undefined, locale: undefined, quietHours: null, topics: {} });
  });

  it('read the UserSettingChanged events stored before preferences existed', () => {
    expect(given(paused(true)).notifications).toBe('off');
    expect(given(paused(true), paused(false)).notifications).toBe('on');
    expect(given(paused(true), changed({ notifications: 'on' })).notifications).toBe('on');
  });

  it('record only what changed, in one UserPreferencesChanged whose id derives from the command', () => {
    const state = given(changed({ timeZone: 'Europe/Berlin', locale: 'de-DE' }));
    const [event, ...rest] = decide(change({ timeZone: 'Europe/Berlin', locale: 'en-GB', quietHours: { start: '22:00', end: '07:00' } }), state);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: 'UserPreferencesChanged', data: { userKey: 'aad-1', changes: { locale: 'en-GB', quietHours: { start: '22:00', end: '07:00' } }, source: 'card' } });
    expect(Object.keys((event as { data: { changes: object } }).data.changes)).toEqual(['locale', 'quietHours']);
    expect(decide(change({ locale: 'en-GB' }), state)[0]?.metadata.id).toBe(event!.metadata.id);
  });

  it('saving what is already set changes nothing', () => {
    const state = given(changed({ timeZone: 'UTC', quietHours: { start: '22:00', end: '07:00' }, topics: { deploys: { delivery: 'hourly' } } }));
    expect(decide(change({ timeZone: 'UTC', quietHours: { start: '22:00', end: '07:00' }, topics: { deploys: { delivery: 'hourly', subscribed: true } } }), state)).toEqual([]);
    expect(decide(change({}), state)).toEqual([]);
    expect(decide(change({ quietHours: null }), initialState())).toEqual([]);
  });

  it('keep each topic: a new one with its defaults filled in, a known one changed field by field', () => {
    const state = after(initialState(), change({ topics: { deploys: { delivery: 'daily' } } }));
    expect(state.topics).toEqual({ deploys: { subscribed: true, delivery: 'daily' } });
    const [event] = decide(change({ topics: { deploys: { subscribed: false, delivery: 'daily' }, alerts: {} } }, 'api', 'cmd-2'), state);
    expect(event).toMatchObject({ data: { changes: { topics: { deploys: { subscribed: false }, alerts: { subscribed: true, delivery: 'now' } } } } });
    expect((event as { data: { changes: { topics: Record<string, object> } } }).data.changes.topics['deploys']).toEqual({ subscribed: false });
  });

  it('a topic named like an Object property (constructor) is a topic like any other', () => {
    const [event] = decide(change({ topics: { constructor: { subscribed: false } } }), initialState());
    expect(event).toMatchObject({ data: { changes: { topics: { constructor: { subscribed: false, delivery: 'now' } } } } });
    expect(after(initialState(), change({ topics: { constructor: { subscribed: false } } })).topics).toEqual({ constructor: { subscribed: false, delivery: 'now' } });
  });

  it('remove quiet hours with null', () => {
    const state = given(changed({ timeZone: 'UTC', quietHours: { start: '22:00', end: '07:00' } }));
    expect(decide(change({ quietHours: null }), state)).toMatchObject([{ data: { changes: { quietHours: null } } }]);
  });

  it('take the time zone and locale Teams reported only the first time the person is seen', () => {
    const first = decide(change({ timeZone: 'America/Los_Angeles', locale: 'en-US' }, 'firstSeen'), initialState());
    expect(first).toMatchObject([{ data: { changes: { timeZone: 'America/Los_Angeles', locale: 'en-US' }, source: 'firstSeen' } }]);
    const state = given(...first);
    expect(decide(change({ timeZone: 'Europe/Paris', locale: 'fr-FR', notifications: 'off' }, 'firstSeen', 'cmd-2'), state)).toEqual([]);
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ timeZone: '+01:00' }, 'timeZone'],
    [{ locale: 'not a locale' }, 'locale'],
    [{ timeZone: 'UTC', quietHours: { start: '25:00', end: '07:00' } }, 'quietHours.start'],
    [{ timeZone: 'UTC', quietHours: { start: '07:00', end: '07:00' } }, 'quietHours.end'],
    [{ quietHours: { start: '22:00', end: '07:00' } }, 'timeZone'],
    [{ topics: { 'Not A Topic': { delivery: 'now' } } }, 'topics.Not A Topic'],
  ] as [PreferenceChanges, string][])('refuse %j, naming %s', (changes, field) => {
    expect(() => decide(change(changes), initialState())).toThrow(PreferenceRefused);
    try {
      decide(change(changes), initialState());
    } catch (error) {
      expect((error as PreferenceRefused).field).toBe(field);
    }
  });
});
