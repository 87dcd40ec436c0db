import { z } from 'zod';
import type { InboundActivity } from './activity.js';
import { inboundActivitySchema } from './activity.js';
import { messageSchema } from './envelope.js';
import { preferenceChangesSchema, preferencesDocumentSchema } from './preferences.js';

/**
 * Each person's own settings, owned by the auth service: events on `auth.settings.<token of
 * userKey>` (SETTINGS). Their preferences (preferences.ts) are what these events add up to.
 */

/** Whose: the Entra user when known (the same person across bots), else the `29:` id. */
const person = {
  userKey: z.string().min(1),
  userId: z.string().min(1),
  aadObjectId: z.string().optional(),
  tenantId: z.string().optional(),
};

/**
 * The first settings event: one toggle, "Pause all notifications". No longer written (a change
 * is UserPreferencesChanged now), but stored ones are read as they always were.
 */
export const userSettingChangedSchema = messageSchema('UserSettingChanged', z.object({ ...person, setting: z.literal('notificationsPaused'), value: z.boolean() }));
export type UserSettingChanged = z.infer<typeof userSettingChangedSchema>;

/** Where a change came from: defaults taken from Teams the first time the person is seen, their settings card, an app through the API. */
export const preferencesSourceSchema = z.enum(['firstSeen', 'card', 'api']);

/** The person's preferences changed: only what changed is in `changes`. */
export const userPreferencesChangedSchema = messageSchema(
  'UserPreferencesChanged',
  z.object({ ...person, changes: preferenceChangesSchema, source: preferencesSourceSchema }),
);
export type UserPreferencesChanged = z.infer<typeof userPreferencesChangedSchema>;

export const settingsEventSchema = z.discriminatedUnion('type', [userSettingChangedSchema, userPreferencesChangedSchema]);
export type SettingsEvent = z.infer<typeof settingsEventSchema>;

/**
 * Command: set these preferences (the settings card, the API); `firstSeen` sets only what was
 * never set (the time zone and locale Teams reported when the person was first seen).
 */
export const changeUserPreferencesSchema = messageSchema(
  'ChangeUserPreferences',
  z.object({ ...person, changes: preferenceChangesSchema, source: preferencesSourceSchema }),
);
export type ChangeUserPreferences = z.infer<typeof changeUserPreferencesSchema>;

/**
 * Request/reply, router → auth (`SUBJECTS.settingsRequest`): show the person's settings card, or
 * save what they set on it first. The answer is a `SettingsCard`.
 */
export const settingsRequestedSchema = messageSchema('SettingsRequested', z.object({ activity: inboundActivitySchema, save: z.boolean() }));
export type SettingsRequested = z.infer<typeof settingsRequestedSchema>;

export const settingsCardSchema = z.object({ card: z.record(z.string(), z.unknown()) });
export type SettingsCard = z.infer<typeof settingsCardSchema>;

/**
 * Request/reply, gateway → auth (`SUBJECTS.preferencesRequest`): an app reads (no `changes`) or
 * sets the preferences of the person with this Entra object id, seeing only people of `tenants`.
 */
export const preferencesRequestedSchema = messageSchema(
  'PreferencesRequested',
  z.object({ aadObjectId: z.string().min(1), tenants: z.union([z.literal('*'), z.array(z.string())]), changes: preferenceChangesSchema.optional() }),
);
export type PreferencesRequested = z.infer<typeof preferencesRequestedSchema>;

/** The answer: the preferences (after the change), nobody this caller may see, or a change refused (naming the field). */
export const preferencesAnswerSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('found'), preferences: preferencesDocumentSchema }),
  z.object({ outcome: z.literal('unknown') }),
  z.object({ outcome: z.literal('refused'), field: z.string(), message: z.string() }),
]);
export type PreferencesAnswer = z.infer<typeof preferencesAnswerSchema>;

/** The person an activity is from, as settings and subscriptions key them. */
export function personOf(activity: InboundActivity): { userKey: string; userId: string; aadObjectId?: string; tenantId?: string } {
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  return {
    userKey: activity.from.aadObjectId ?? activity.from.id,
    userId: activity.from.id,
    ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
    ...(tenantId ? { tenantId } : {}),
  };
}
