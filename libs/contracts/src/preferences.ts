import { z } from 'zod';
import { topicSchema } from './subscription.events.js';

/**
 * A person's notification preferences, owned by the auth service (events on their settings
 * subject, see settings.events.ts) and obeyed by the notifier: notifications on or off, their
 * time zone and locale, quiet hours, and per topic whether they follow it and how it reaches
 * them — at once, or collected into an hourly or daily digest (one card at the period's end).
 */

/** How a topic's notifications reach the person: as they come, or in a digest at the end of each hour or day (their time). */
export const deliveryModeSchema = z.enum(['now', 'hourly', 'daily']);
export type DeliveryMode = z.infer<typeof deliveryModeSchema>;

/** A wall-clock time of day, `HH:mm` (24 h), as Adaptive Cards' Input.Time gives it. */
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time, HH:mm (24 h)');

/** Deliveries wait from `start` to `end` (their time zone); `22:00`–`07:00` crosses midnight. */
export const quietHoursSchema = z.object({ start: localTimeSchema, end: localTimeSchema });
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** An IANA time zone name this runtime knows (`Europe/Berlin`, `America/Los_Angeles`, `UTC`); offsets such as `+01:00` are not zones. */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A BCP 47 language tag (`en-US`, `de-DE`, `pt-BR`). */
export function isLocale(value: string): boolean {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().max(64).refine(isTimeZone, 'an IANA time zone, e.g. Europe/Berlin');
export const localeSchema = z.string().max(35).refine(isLocale, 'a language tag, e.g. en-US');

export const topicPreferenceSchema = z.object({ subscribed: z.boolean(), delivery: deliveryModeSchema });
export type TopicPreference = z.infer<typeof topicPreferenceSchema>;

/** What the person has set (and the defaults for what they have not). */
export interface UserPreferences {
  notifications: 'on' | 'off';
  timeZone: string | undefined;
  locale: string | undefined;
  quietHours: QuietHours | null;
  topics: Readonly<Record<string, TopicPreference>>;
}

/**
 * A change to someone's preferences: only what it names changes (`quietHours: null` removes
 * them; a topic's missing field keeps its value). The stored event keeps the same shape with
 * plain strings, so an event stays readable whatever the runtime's time-zone data says later.
 */
const changesShape = <Zone extends z.ZodType<string>, Locale extends z.ZodType<string>>(timeZone: Zone, locale: Locale) =>
  z.strictObject({
    notifications: z.enum(['on', 'off']).optional(),
    timeZone: timeZone.optional(),
    locale: locale.optional(),
    quietHours: quietHoursSchema.nullable().optional(),
    topics: z.record(topicSchema, z.strictObject({ subscribed: z.boolean().optional(), delivery: deliveryModeSchema.optional() })).optional(),
  });

export const preferenceChangesSchema = changesShape(z.string().min(1), z.string().min(1));
export type PreferenceChanges = z.infer<typeof preferenceChangesSchema>;

/** `PUT /api/v1/users/{aadObjectId}/preferences`: what the app sets (checked: a known time zone, a language tag, at most 100 topics). */
export const preferencesUpdateSchema = changesShape(timeZoneSchema, localeSchema)
  .refine((body) => Object.keys(body.topics ?? {}).length <= 100, { message: 'at most 100 topics', path: ['topics'] })
  .refine((body) => !body.quietHours || body.quietHours.start !== body.quietHours.end, { message: 'quiet hours end when they start: give another end', path: ['quietHours', 'end'] });

/** `GET` (and the answer to `PUT`) of `/api/v1/users/{aadObjectId}/preferences`. */
export const preferencesDocumentSchema = z.object({
  aadObjectId: z.string(),
  tenantId: z.string().nullable(),
  notifications: z.enum(['on', 'off']),
  timeZone: z.string().nullable(),
  locale: z.string().nullable(),
  quietHours: quietHoursSchema.nullable(),
  topics: z.record(z.string(), topicPreferenceSchema),
});
export type PreferencesDocument = z.infer<typeof preferencesDocumentSchema>;
