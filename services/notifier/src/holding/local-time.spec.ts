import { describe, expect, it } from 'vitest';
import { digestPeriodEnd, quietHoursEnd } from './local-time.js';

const at = (iso: string) => new Date(iso);
const night = { start: '22:00', end: '07:00' };

describe('quiet hours', () => {
  it('hold a time inside them until their end that morning, in the person’s time zone', () => {
    // 23:30 in Berlin (winter, UTC+1) → 07:00 Berlin the next day.
    expect(quietHoursEnd(at('2026-01-15T22:30:00Z'), 'Europe/Berlin', night)?.toISOString()).toBe('2026-01-16T06:00:00.000Z');
    // 05:00 in Berlin → 07:00 the same day.
    expect(quietHoursEnd(at('2026-01-16T04:00:00Z'), 'Europe/Berlin', night)?.toISOString()).toBe('2026-01-16T06:00:00.000Z');
  });

  it('let anything outside them through, the end itself included', () => {
    expect(quietHoursEnd(at('2026-01-16T06:00:00Z'), 'Europe/Berlin', night)).toBeUndefined();
    expect(quietHoursEnd(at('2026-01-16T12:00:00Z'), 'Europe/Berlin', night)).toBeUndefined();
    expect(quietHoursEnd(at('2026-01-15T20:59:00Z'), 'Europe/Berlin', night)).toBeUndefined();
  });

  it('work within one day too, and across a change to summer time', () => {
    expect(quietHoursEnd(at('2026-06-01T13:00:00Z'), 'America/New_York', { start: '09:00', end: '10:00' })?.toISOString()).toBe('2026-06-01T14:00:00.000Z');
    // The night Berlin moves to summer time (29 March 2026, 02:00 → 03:00): 07:00 is UTC+2.
    expect(quietHoursEnd(at('2026-03-28T23:00:00Z'), 'Europe/Berlin', night)?.toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });

  it('read the same instant differently in different zones', () => {
    const instant = at('2026-01-15T23:30:00Z');
    expect(quietHoursEnd(instant, 'UTC', night)?.toISOString()).toBe('2026-01-16T07:00:00.000Z');
    expect(quietHoursEnd(instant, 'America/Los_Angeles', night)).toBeUndefined();
  });
});

describe('digest periods', () => {
  it('end at the next full hour of the person’s clock (a zone half an hour off included)', () => {
    expect(digestPeriodEnd(at('2026-01-15T10:20:00Z'), 'UTC', 'hourly').toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(digestPeriodEnd(at('2026-01-15T10:20:00Z'), 'Asia/Kolkata', 'hourly').toISOString()).toBe('2026-01-15T10:30:00.000Z');
  });

  it('end at their next midnight for a daily digest', () => {
    expect(digestPeriodEnd(at('2026-01-15T10:20:00Z'), 'Europe/Berlin', 'daily').toISOString()).toBe('2026-01-15T23:00:00.000Z');
    expect(digestPeriodEnd(at('2026-01-31T23:30:00Z'), 'UTC', 'daily').toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });
});
