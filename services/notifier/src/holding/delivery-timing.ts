import type { DeliveryMode, QuietHours } from '@herald/contracts';
import { digestPeriodEnd, quietHoursEnd } from './local-time.js';

/** What the person asked for that decides when a delivery may go (from the notifier's `person_preferences`). */
export interface DeliveryPreferences {
  /** Notifications off, or the topic unsubscribed: Skipped(muted). */
  muted: boolean;
  /** Their IANA time zone; quiet hours and digest periods are kept in UTC without one. */
  timeZone: string | undefined;
  quietHours: QuietHours | null;
  /** How the notification's topic reaches them (`now` without a topic). */
  delivery: DeliveryMode;
}

export type Timing = { kind: 'now' } | { kind: 'quietHours'; until: Date } | { kind: 'digest'; mode: Exclude<DeliveryMode, 'now'>; until: Date };

/**
 * When a delivery may go: a critical one at once; a topic in digest mode waits for the end of the
 * period (the digest, not each notification, then waits out quiet hours); anything else waits
 * while the person's quiet hours last.
 */
export function timingOf(preferences: DeliveryPreferences, critical: boolean, now: Date): Timing {
  if (critical) return { kind: 'now' };
  const zone = preferences.timeZone ?? 'UTC';
  if (preferences.delivery !== 'now') return { kind: 'digest', mode: preferences.delivery, until: digestPeriodEnd(now, zone, preferences.delivery) };
  const until = preferences.quietHours ? quietHoursEnd(now, zone, preferences.quietHours) : undefined;
  return until ? { kind: 'quietHours', until } : { kind: 'now' };
}
