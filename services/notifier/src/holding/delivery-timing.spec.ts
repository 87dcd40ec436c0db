import { describe, expect, it } from 'vitest';
import { timingOf, type DeliveryPreferences } from './delivery-timing.js';

const night = { start: '22:00', end: '07:00' };
const preferences = (overrides: Partial<DeliveryPreferences> = {}): DeliveryPreferences => ({ muted: false, timeZone: 'Europe/Berlin', quietHours: night, delivery: 'now', ...overrides });
const lateEvening = new Date('2026-01-15T22:30:00Z'); // 23:30 in Berlin
const noon = new Date('2026-01-15T11:00:00Z');

describe('when a delivery may go', () => {
  it('at once outside quiet hours, and without any', () => {
    expect(timingOf(preferences(), false, noon)).toEqual({ kind: 'now' });
    expect(timingOf(preferences({ quietHours: null }), false, lateEvening)).toEqual({ kind: 'now' });
  });

  it('held until quiet hours end', () => {
    expect(timingOf(preferences(), false, lateEvening)).toEqual({ kind: 'quietHours', until: new Date('2026-01-16T06:00:00Z') });
  });

  it('critical: at once, through quiet hours and past digests', () => {
    expect(timingOf(preferences(), true, lateEvening)).toEqual({ kind: 'now' });
    expect(timingOf(preferences({ delivery: 'daily' }), true, noon)).toEqual({ kind: 'now' });
  });

  it('a topic in digest mode waits for the end of the period, in quiet hours too', () => {
    expect(timingOf(preferences({ delivery: 'hourly' }), false, noon)).toEqual({ kind: 'digest', mode: 'hourly', until: new Date('2026-01-15T12:00:00Z') });
    expect(timingOf(preferences({ delivery: 'daily' }), false, lateEvening)).toEqual({ kind: 'digest', mode: 'daily', until: new Date('2026-01-15T23:00:00Z') });
  });

  it('keeps quiet hours in UTC for someone without a time zone', () => {
    expect(timingOf(preferences({ timeZone: undefined }), false, new Date('2026-01-15T23:30:00Z'))).toEqual({ kind: 'quietHours', until: new Date('2026-01-16T07:00:00Z') });
  });
});
