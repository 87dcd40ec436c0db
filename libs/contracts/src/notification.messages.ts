import { z } from 'zod';
import { messageSchema } from './envelope.js';
import { topicSchema } from './subscription.events.js';

/**
 * Notifications from integrating apps (CONTRACT.md, `POST /api/v1/notifications`): the request
 * as the gateway stored it, the per-recipient deliveries it fans out into, and what became of
 * each recipient. Events on `notifier.notification.<id token>` (NOTIFICATIONS), delivery work on
 * `notifier.deliver.<partition>` (DELIVERY_REQUESTS).
 */

const isoTime = z.iso.datetime({ offset: true });
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const tenantId = z.string().min(1).optional();

/** The recipient forms of CONTRACT.md, each with an optional `tenantId`. */
export const recipientSchema = z.union([
  z.strictObject({ userId: z.string().regex(/^29:/, 'a Teams user id starts with "29:"'), tenantId }),
  z.strictObject({ aadObjectId: z.uuid(), tenantId }),
  z.strictObject({ upn: z.string().includes('@'), tenantId }),
  z.strictObject({ conversationId: z.string().min(1), tenantId }),
  z.strictObject({ channelId: z.string().regex(/^19:/, 'a channel id starts with "19:"'), teamId: z.string().min(1), tenantId }),
  z.strictObject({ teamId: z.string().min(1), tenantId }),
  z.strictObject({ groupId: z.uuid(), tenantId }),
  z.strictObject({ allUsers: z.literal(true), tenantId }),
]);
export type Recipient = z.infer<typeof recipientSchema>;

/** An Adaptive Card as an app sends it (checked further by Teams when it renders). */
export const adaptiveCardSchema = z.looseObject({ type: z.literal('AdaptiveCard'), body: z.array(z.unknown()).optional(), version: z.string().optional() });

/** What a notification shows: markdown text, an Adaptive Card (already bound to its `data`), or both. */
export const notificationContentSchema = z.object({ text: z.string().max(28_000).optional(), card: adaptiveCardSchema.optional() });
export type NotificationContent = z.infer<typeof notificationContentSchema>;

/** How far ahead a notification may be scheduled. */
export const MAX_SCHEDULE_DAYS = 60;

/** The API request body (CONTRACT.md plus `callbackUrl` and `sendAt`). */
export const notificationRequestSchema = z
  .strictObject({
    recipients: z.array(recipientSchema).min(1).max(1_000),
    text: z.string().min(1).max(28_000).optional(),
    card: adaptiveCardSchema.optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    topic: topicSchema.optional(),
    idempotencyKey: z.string().min(1).max(200).optional(),
    /** `true`: reaches people at once, through their quiet hours and past their digests (an outage, a security alert). */
    critical: z.boolean().optional(),
    /** https; plain http only for a loopback host, and only in dev mode (the gateway checks that part). */
    callbackUrl: z
      .url({ protocol: /^https?$/ })
      // Refinements run even when `url()` failed: each reads the URL only when it parses.
      .refine((url) => !URL.canParse(url) || url.startsWith('https://') || LOOPBACK.has(new URL(url).hostname), 'an https URL (http only for a loopback host in dev mode)')
      .refine((url) => !URL.canParse(url) || (!new URL(url).username && !new URL(url).password), 'no user name or password in the URL')
      .optional(),
    /** At most MAX_SCHEDULE_DAYS ahead: the request must still be in the NOTIFICATIONS stream (90 days) when it is due. */
    sendAt: isoTime.refine((at) => Date.parse(at) - Date.now() <= MAX_SCHEDULE_DAYS * 86_400_000, `at most ${MAX_SCHEDULE_DAYS} days ahead`).optional(),
  })
  .refine((body) => body.text !== undefined || body.card !== undefined, { message: 'give "text" or "card"', path: ['text'] })
  .refine((body) => body.data === undefined || body.card !== undefined, { message: '"data" binds a "card": give one', path: ['data'] });
export type NotificationRequest = z.infer<typeof notificationRequestSchema>;

/** The app sent a notification; stored before the API answers 202. */
export const notificationRequestedSchema = messageSchema(
  'NotificationRequested',
  z.object({
    notificationId: z.string().min(1),
    /** Who asked: the API key's id (a digest prefix), or the Entra app id. */
    caller: z.string().min(1),
    recipients: z.array(recipientSchema).min(1),
    content: notificationContentSchema,
    topic: topicSchema.optional(),
    critical: z.boolean().optional(),
    callbackUrl: z.string().optional(),
    sendAt: isoTime.optional(),
    requestedAt: isoTime,
    /** SHA-256 (hex) of the canonical request without its idempotency key: a repeat of the key with another body is refused. */
    requestDigest: z.string().optional(),
  }),
);
export type NotificationRequested = z.infer<typeof notificationRequestedSchema>;

/** Where one recipient's copy goes: a known conversation, or a personal chat to create first. */
export const deliveryTargetSchema = z.object({
  /** Absent only with `installForAadObjectId`: graph-sync answers it with the chat. */
  serviceUrl: z.string().min(1).optional(),
  tenantId: z.string().optional(),
  conversationId: z.string().min(1).optional(),
  /** For a personal chat Herald has no reference to yet: `createConversation` with this member. */
  createWithUserId: z.string().optional(),
  /** For a person of the tenant's directory Herald has no chat with: graph-sync installs the app for them (proactive install) and answers the chat. */
  installForAadObjectId: z.string().optional(),
  botId: z.string().optional(),
});
export type DeliveryTarget = z.infer<typeof deliveryTargetSchema>;

/** Resolution is over: how many recipients there are in all (each will settle exactly once). */
export const notificationResolvedSchema = messageSchema('NotificationResolved', z.object({ notificationId: z.string().min(1), total: z.number().int().min(0) }));
export type NotificationResolved = z.infer<typeof notificationResolvedSchema>;

/** Command (work queue): deliver one recipient's copy. */
export const deliveryRequestedSchema = messageSchema(
  'DeliveryRequested',
  z.object({
    notificationId: z.string().min(1),
    /** The recipient, unique within the notification (e.g. the conversation id). */
    recipientKey: z.string().min(1),
    target: deliveryTargetSchema,
    content: notificationContentSchema,
    topic: z.string().optional(),
    /** Past quiet hours and digests. */
    critical: z.boolean().optional(),
    /** The person, for preferences (muted topics, paused notifications, quiet hours, digests). */
    person: z.object({ userId: z.string().optional(), aadObjectId: z.string().optional() }).optional(),
  }),
);
export type DeliveryRequested = z.infer<typeof deliveryRequestedSchema>;

/** The terminal buckets of CONTRACT.md / the notifications issue. */
export const recipientBucketSchema = z.enum(['Delivered', 'Failed', 'Unknown', 'NotInstalled', 'Skipped']);
export type RecipientBucket = z.infer<typeof recipientBucketSchema>;

/** What finally became of one recipient: exactly one per recipient. */
export const recipientSettledSchema = messageSchema(
  'RecipientSettled',
  z.object({
    notificationId: z.string().min(1),
    recipientKey: z.string().min(1),
    bucket: recipientBucketSchema,
    /** Failed: the Bot Connector's code (e.g. `ConversationNotFound`); Skipped: `muted`, `guest`, `cancelled`; NotInstalled: why. */
    code: z.string().optional(),
    conversationId: z.string().optional(),
    activityId: z.string().optional(),
    attempts: z.number().int().min(0),
  }),
);
export type RecipientSettled = z.infer<typeof recipientSettledSchema>;

/** Where a recipient waits, not settled yet: in their quiet hours, or in their next digest. */
export const recipientWaitingSchema = z.enum(['Held', 'Digested']);
export type RecipientWaiting = z.infer<typeof recipientWaitingSchema>;

/** Every bucket a status reports: the terminal ones and the waiting ones. */
export const statusBucketSchema = z.enum([...recipientBucketSchema.options, ...recipientWaitingSchema.options]);
export type StatusBucket = z.infer<typeof statusBucketSchema>;

/**
 * The recipient's copy waits until `until`: `Held` (code `quietHours`) in their quiet hours, or
 * `Digested` (code `hourly` / `daily`) for the digest sent at the end of the period. It settles
 * later (RecipientSettled) like any other.
 */
export const recipientHeldSchema = messageSchema(
  'RecipientHeld',
  z.object({ notificationId: z.string().min(1), recipientKey: z.string().min(1), bucket: recipientWaitingSchema, code: z.enum(['quietHours', 'hourly', 'daily']), until: isoTime }),
);
export type RecipientHeld = z.infer<typeof recipientHeldSchema>;

/** Command (OUTBOUND): the period of a person's digest ended; its one card goes out now, unless quiet hours hold it. */
export const sendDigestSchema = messageSchema('SendDigest', z.object({ digestKey: z.string().min(1) }));
export type SendDigest = z.infer<typeof sendDigestSchema>;

/** A send to the recipient failed in a way worth retrying (429, 412, 502–504, refused connection); it will be tried again. */
export const recipientRetryingSchema = messageSchema(
  'RecipientRetrying',
  z.object({ notificationId: z.string().min(1), recipientKey: z.string().min(1), code: z.string(), attempt: z.number().int().min(1), retryInMs: z.number().int().min(0) }),
);
export type RecipientRetrying = z.infer<typeof recipientRetryingSchema>;

/** A scheduled notification's `sendAt` came: its recipients are resolved now (the notifier's scheduler publishes it once). */
export const notificationDueSchema = messageSchema('NotificationDue', z.object({ notificationId: z.string().min(1), dueAt: isoTime }));
export type NotificationDue = z.infer<typeof notificationDueSchema>;

/** The app cancelled it: recipients not yet sent to settle Skipped(cancelled). */
export const notificationCancelledSchema = messageSchema('NotificationCancelled', z.object({ notificationId: z.string().min(1), caller: z.string().min(1), cancelledAt: isoTime }));
export type NotificationCancelled = z.infer<typeof notificationCancelledSchema>;

/** The app replaced the content (PATCH): delivered cards are updated (PUT), later deliveries send the new content. */
export const notificationUpdatedSchema = messageSchema(
  'NotificationUpdated',
  z.object({ notificationId: z.string().min(1), caller: z.string().min(1), content: notificationContentSchema, updatedAt: isoTime }),
);
export type NotificationUpdated = z.infer<typeof notificationUpdatedSchema>;

/** The app deleted it (DELETE): pending deliveries are cancelled, delivered messages deleted. */
export const notificationDeletedSchema = messageSchema('NotificationDeleted', z.object({ notificationId: z.string().min(1), caller: z.string().min(1), deletedAt: isoTime }));
export type NotificationDeleted = z.infer<typeof notificationDeletedSchema>;

/** The API body of `PATCH /api/v1/notifications/{id}`: new content, bound like a new notification's. */
export const notificationPatchSchema = z
  .strictObject({ text: z.string().min(1).max(28_000).optional(), card: adaptiveCardSchema.optional(), data: z.record(z.string(), z.unknown()).optional() })
  .refine((body) => body.text !== undefined || body.card !== undefined, { message: 'give "text" or "card"', path: ['text'] });
export type NotificationPatch = z.infer<typeof notificationPatchSchema>;

export const notificationEventSchema = z.discriminatedUnion('type', [
  notificationRequestedSchema,
  notificationDueSchema,
  notificationResolvedSchema,
  recipientSettledSchema,
  recipientRetryingSchema,
  recipientHeldSchema,
  notificationCancelledSchema,
  notificationUpdatedSchema,
  notificationDeletedSchema,
]);
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

/** One recipient as `GET /api/v1/notifications/{id}/recipients` lists it: where it ended, and how it got there. */
export const recipientReportSchema = z.object({
  recipientKey: z.string(),
  bucket: statusBucketSchema,
  code: z.string().nullable(),
  conversationId: z.string().nullable(),
  attempts: z.number().int(),
  settledAt: z.string(),
  history: z.array(z.object({ at: z.string(), status: z.string(), code: z.string().optional() })),
});
export type RecipientReport = z.infer<typeof recipientReportSchema>;

/** One page of `GET /api/v1/notifications/{id}/recipients`; `next` is the `after` of the following page. */
export const recipientPageSchema = z.object({ recipients: z.array(recipientReportSchema), next: z.string().nullable() });
export type RecipientPage = z.infer<typeof recipientPageSchema>;

/**
 * What the Bot Connector's member API says of the person of a personal chat Herald was installed
 * in (`notifier.person.<token of the user id>`, PEOPLE): how `upn` recipients find them, and
 * whether they are a guest of the tenant.
 */
export const personProfiledSchema = messageSchema(
  'PersonProfiled',
  z.object({
    userId: z.string().min(1),
    conversationId: z.string().min(1),
    aadObjectId: z.string().optional(),
    userPrincipalName: z.string().optional(),
    email: z.string().optional(),
    userRole: z.string().optional(),
    tenantId: z.string().optional(),
  }),
);
export type PersonProfiled = z.infer<typeof personProfiledSchema>;

/** Request/reply, gateway → notifier: a notification's live status. */
export const notificationStatusSchema = z.object({
  id: z.string(),
  state: z.enum(['accepted', 'resolving', 'sending', 'completed', 'cancelled']),
  total: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  /** Waiting for the end of their quiet hours. */
  held: z.number().int(),
  /** Waiting for their digest. */
  digested: z.number().int(),
  pending: z.number().int(),
  buckets: z.record(statusBucketSchema, z.number().int()),
});
export type NotificationStatus = z.infer<typeof notificationStatusSchema>;
