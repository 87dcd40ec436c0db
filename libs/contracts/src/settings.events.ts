import { z } from 'zod';
import type { InboundActivity } from './activity.js';
import { inboundActivitySchema } from './activity.js';
import { messageSchema } from './envelope.js';

/**
 * Each person's own settings, owned by the auth service: events on `auth.settings.<token of
 * userKey>` (SETTINGS). The catalog below is the whole list; a card shows one toggle each.
 * Quiet hours and time zones join it with the user settings issue.
 */
export const USER_SETTINGS = {
  notificationsPaused: {
    label: 'Pause all notifications',
    hint: 'Nothing from integrated apps reaches you until you turn this off. Answers to your own messages still come.',
    default: false,
  },
} as const;
export type UserSettingName = keyof typeof USER_SETTINGS;
export const userSettingNameSchema = z.enum(Object.keys(USER_SETTINGS) as [UserSettingName, ...UserSettingName[]]);
export type UserSettings = Record<UserSettingName, boolean>;

/** Whose: the Entra user when known (the same person across bots), else the `29:` id. */
const person = {
  userKey: z.string().min(1),
  userId: z.string().min(1),
  aadObjectId: z.string().optional(),
  tenantId: z.string().optional(),
};

export const userSettingChangedSchema = messageSchema('UserSettingChanged', z.object({ ...person, setting: userSettingNameSchema, value: z.boolean() }));
export type UserSettingChanged = z.infer<typeof userSettingChangedSchema>;

export const settingsEventSchema = z.discriminatedUnion('type', [userSettingChangedSchema]);
export type SettingsEvent = z.infer<typeof settingsEventSchema>;

/** Command: the person saved these values (the settings card's toggles). */
export const changeUserSettingsSchema = messageSchema(
  'ChangeUserSettings',
  z.object({ ...person, values: z.partialRecord(userSettingNameSchema, z.boolean()) }),
);
export type ChangeUserSettings = z.infer<typeof changeUserSettingsSchema>;

/**
 * Request/reply, router → auth (`SUBJECTS.settingsRequest`): show the person's settings card, or
 * save what they set on it first. The answer is a `SettingsCard`.
 */
export const settingsRequestedSchema = messageSchema('SettingsRequested', z.object({ activity: inboundActivitySchema, save: z.boolean() }));
export type SettingsRequested = z.infer<typeof settingsRequestedSchema>;

export const settingsCardSchema = z.object({ card: z.record(z.string(), z.unknown()) });
export type SettingsCard = z.infer<typeof settingsCardSchema>;

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
