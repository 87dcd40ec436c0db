import { describe, expect, it } from 'vitest';
import { changesFromCard } from './settings-card-values.js';
import { initialState } from './user-preferences.js';

const current = { ...initialState(), topics: { deploys: { subscribed: true, delivery: 'now' as const } } };

describe('what the settings card sends back', () => {
  it('reads every input present, as the decider will check it', () => {
    expect(changesFromCard({ notifications: 'off', timeZone: 'Europe/Berlin', locale: 'de-DE', quietHours: 'on', quietStart: '22:00', quietEnd: '07:00:00' }, current)).toEqual({
      notifications: 'off',
      timeZone: 'Europe/Berlin',
      locale: 'de-DE',
      quietHours: { start: '22:00', end: '07:00' },
    });
    expect(changesFromCard({ quietHours: 'off', quietStart: '22:00', quietEnd: '07:00' }, current)).toEqual({ quietHours: null });
  });

  it('reads the toggle of cards sent before preferences ("Pause all notifications")', () => {
    expect(changesFromCard({ notificationsPaused: 'true' }, current)).toEqual({ notifications: 'off' });
    expect(changesFromCard({ notificationsPaused: 'false' }, current)).toEqual({ notifications: 'on' });
  });

  it("turns each known topic's choice into its delivery, `off` into unsubscribed, and adds a new topic", () => {
    expect(changesFromCard({ 'topic.deploys': 'off', 'topic.unknown': 'hourly', newTopic: ' Builds ', newTopicDelivery: 'daily' }, current)).toEqual({
      topics: { deploys: { subscribed: false }, builds: { subscribed: true, delivery: 'daily' } },
    });
    expect(changesFromCard({ 'topic.deploys': 'weekly', newTopic: '' }, current)).toEqual({});
  });

  it('leaves out what is empty or unreadable', () => {
    expect(changesFromCard({ timeZone: '', locale: '  ', notifications: 'maybe', quietHours: 'perhaps' }, current)).toEqual({});
  });
});
