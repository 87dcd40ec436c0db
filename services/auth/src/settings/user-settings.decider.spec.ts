import { describe, expect, it } from 'vitest';
import type { ChangeUserSettings } from '@herald/contracts';
import { decide, evolve, initialState } from './user-settings.decider.js';
import { valuesFromCard } from './settings-card.js';

const change = (values: ChangeUserSettings['data']['values'], id = 'cmd-1'): ChangeUserSettings => ({
  type: 'ChangeUserSettings',
  data: { userKey: 'aad-1', userId: '29:u', aadObjectId: 'aad-1', values },
  metadata: { id, occurredAt: '2026-11-21T12:00:00.000Z', correlationId: id, causationId: null },
});

describe('user settings', () => {
  it('start at their defaults: notifications not paused', () => {
    expect(initialState()).toEqual({ notificationsPaused: false });
  });

  it('record a change as UserSettingChanged, with an id derived from the command', () => {
    const [event, ...rest] = decide(change({ notificationsPaused: true }), initialState());
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: 'UserSettingChanged', data: { userKey: 'aad-1', setting: 'notificationsPaused', value: true } });
    expect(decide(change({ notificationsPaused: true }), initialState())[0]?.metadata.id).toBe(event!.metadata.id);
    expect(evolve(initialState(), event!)).toEqual({ notificationsPaused: true });
  });

  it('saving what is already set changes nothing', () => {
    expect(decide(change({ notificationsPaused: false }), initialState())).toEqual([]);
    expect(decide(change({}), initialState())).toEqual([]);
  });

  it('read the toggles as the card sends them, ignoring anything else', () => {
    expect(valuesFromCard({ notificationsPaused: 'true', other: 'true' })).toEqual({ notificationsPaused: true });
    expect(valuesFromCard({ notificationsPaused: 'false' })).toEqual({ notificationsPaused: false });
    expect(valuesFromCard({ notificationsPaused: 'maybe' })).toEqual({});
  });
});
